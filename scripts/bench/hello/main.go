// Command hello is the start-up floor: a Go program that prints one line,
// built as plan is. plan --version is measured against it.
package main

import "fmt"

func main() { fmt.Println("hello") }
