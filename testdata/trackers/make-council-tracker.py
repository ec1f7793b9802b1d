#!/usr/bin/python3
"""Writes council-tracker.xlsx: an improvement plan tracker laid out as
councils lay them out, written by openpyxl (not the library plan uses), for
plan import's tests and README. Run: /usr/bin/python3 make-council-tracker.py"""
import datetime
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

wb = Workbook()
ws = wb.active
ws.title = "Action Plan"
ws["A1"] = "Northshire County Council"
ws["A2"] = "Children's Services Improvement Plan 2023-2025: Action Tracker"
ws["A1"].font = ws["A2"].font = Font(bold=True, size=14)
head = ["Ref", "Action", "Lead Officer", "Target Date", "RAG", "Progress Update", "Evidence", "Ofsted Recommendation", "Resources"]
ws.append([])
ws.append(head)
rows = [
    ("Theme 1: Leadership, management and oversight",),
    ("Priority 1: Management oversight makes a difference to children",),
    ("1.1", "Audit supervision records monthly", "Head of Service - Safeguarding", datetime.date(2023, 6, 30), "G", "Audits running since April.\nFirst report to Board in July.", "Audit reports to QA Board", "R1", None),
    ("1.2", "Train all team managers in the supervision model", "Principal Social Worker", "31/07/2023", "a", "Two of five cohorts trained", None, "R1, R2", "£20k from reserves"),
    ("1.3", "Refresh the supervision policy", "Head of Service - Safeguarding", "Mar-23", "Purple", None, None, "R2", None),
    ("1.4", "Publish practice standards", "Principal Social Worker", "Q4 2022/23", "Complete", "Published March", "Intranet page", None, None),
    ("1.5", "Recruit permanent team managers", "HR Business Partner", "Ongoing", "Not started", None, None, None, None),
    ("Priority 2: Children's plans are specific and reviewed",),
    ("2.1", "Introduce a child protection plan template with outcomes", "Head of Service - Safeguarding", datetime.date(2023, 9, 30), "R", "Template drafted; IT build delayed", None, "R3", None),
    ("2.2", "Quarterly dip sample of plans by IROs", "IRO Service Manager", "30 September 2023", "A/G", None, None, "R3", None),
    ("Theme 2: Partnerships",),
    ("Priority 3: A shared front door",),
    (None, "Agree multi-agency thresholds document", "Partnership Manager", datetime.date(2023, 12, 31), "G", None, None, "R4", None),
    (None, "Co-locate police in the MASH", "Partnership Manager", "31 March 2024", "Withdrawn", "Replaced by virtual triage", None, None, None),
]
fill = PatternFill("solid", fgColor="DDDDDD")
for r in rows:
    ws.append(list(r))
    if len(r) == 1:
        n = ws.max_row
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=len(head))
        ws.cell(n, 1).fill = fill
        ws.cell(n, 1).font = Font(bold=True)
for row in ws.iter_rows(min_row=5, min_col=4, max_col=4):
    for c in row:
        if isinstance(c.value, datetime.date):
            c.number_format = "dd/mm/yyyy"

k = wb.create_sheet("KPIs")
k["A1"] = "Performance scorecard (monthly)"
months = [datetime.date(2023, m, 1) for m in (4, 5, 6)]
k.append(["Ref", "Measure", "Target", "Lead"] + months + ["Jul-23"])
for c in k[2][4:7]:
    c.number_format = "mmm-yy"
kpis = [
    ("P1.K1", "Supervision within timescale", ">= 90%", "Head of Service - Safeguarding", 0.72, 0.81, 0.88, None),
    ("P2.K1", "Child protection plans reviewed on time", "95%", "IRO Service Manager", 0.9, 0.93, "n/a", 0.94),
    ("P3.K1", "Re-referrals within 12 months", "<= 22%", "Partnership Manager", "25%", "24%", "see note", "23%"),
]
for r in kpis:
    k.append(list(r))
    for c in k[k.max_row][4:7]:
        if isinstance(c.value, float):
            c.number_format = "0%"

f = wb.create_sheet("Ofsted Recommendations")
f.append(["Ref", "Recommendation", "Source"])
f.append(["R1", "Management oversight and supervision are not consistently effective.", "Ofsted ILACS, January 2023"])
f.append(["R2", "Supervision does not consistently help social workers reflect on practice.", "Ofsted ILACS, January 2023"])
f.append(["R3", "Child protection plans are not specific enough, and progress is not reviewed robustly.", "Ofsted ILACS, January 2023"])

g = wb.create_sheet("Acronyms")
g.append(["Acronym", "Meaning"])
g.append(["IRO", "Independent Reviewing Officer"])
g.append(["MASH", "Multi-Agency Safeguarding Hub"])
g.append(["ILACS", "Inspecting local authority children's services"])
wb.save("council-tracker.xlsx")
