// lsp.js FILE LINE COL: opens FILE in yaml-language-server, prints the
// diagnostics it publishes ("diagnostic LINE:COL: MESSAGE") and the
// completions it offers at LINE:COL, 0-based ("completion LABEL").
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const [file, line, col] = [path.resolve(process.argv[2]), +process.argv[3], +process.argv[4]];
const server = spawn(process.execPath, [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio']);
let buf = Buffer.alloc(0), id = 0;
const pending = {};
function send(msg) {
  const s = JSON.stringify(Object.assign({ jsonrpc: '2.0' }, msg));
  server.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
}
function request(method, params) {
  return new Promise(res => { pending[++id] = res; send({ id, method, params }); });
}
let diagnostics = null;
server.stdout.on('data', d => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const head = buf.indexOf('\r\n\r\n');
    if (head < 0) return;
    const len = +/Content-Length: (\d+)/.exec(buf.slice(0, head).toString())[1];
    if (buf.length < head + 4 + len) return;
    const msg = JSON.parse(buf.slice(head + 4, head + 4 + len).toString());
    buf = buf.slice(head + 4 + len);
    if (msg.id && pending[msg.id] && !msg.method) { pending[msg.id](msg.result); delete pending[msg.id]; }
    else if (msg.method === 'textDocument/publishDiagnostics') diagnostics = msg.params.diagnostics;
    else if (msg.method === 'workspace/configuration') send({ id: msg.id, result: msg.params.items.map(() => ({ validate: true, completion: true, hover: true, schemaStore: { enable: false } })) });
    else if (msg.id && msg.method) send({ id: msg.id, result: null });
  }
});
(async () => {
  const uri = 'file://' + file;
  await request('initialize', { processId: process.pid, rootUri: 'file://' + path.dirname(file), capabilities: { workspace: { configuration: true } } });
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings: { yaml: { validate: true, completion: true, schemaStore: { enable: false } } } } });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } } });
  const items = await request('textDocument/completion', { textDocument: { uri }, position: { line, character: col } });
  for (let i = 0; i < 50 && diagnostics === null; i++) await new Promise(r => setTimeout(r, 100));
  for (const d of diagnostics || []) console.log(`diagnostic ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message.split('\n')[0]}`);
  for (const it of (items && items.items) || items || []) console.log(`completion ${it.label}`);
  server.kill();
})();
