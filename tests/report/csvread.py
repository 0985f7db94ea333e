# Reads a CSV file with Python's csv module (strict) and prints its rows as JSON, with whether
# it starts with a UTF-8 BOM and whether every record ends in CRLF (no bare CR or LF outside
# quotes). The report tests use it as a reader that shares no code with RefundDesk.
import csv, json, sys
csv.field_size_limit(sys.maxsize)  # huge cells are part of what the tests write
raw = open(sys.argv[1], 'rb').read()
bom = raw.startswith(b'\xef\xbb\xbf')
text = raw.decode('utf-8-sig')
crlf = text.endswith('\r\n') or text == ''
quoted = False
prev = ''
for i, ch in enumerate(text):
    if ch == '"':
        quoted = not quoted
    elif not quoted:
        if ch == '\n' and prev != '\r':
            crlf = False
        if ch == '\r' and (i + 1 >= len(text) or text[i + 1] != '\n'):
            crlf = False
    prev = ch
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, strict=True))
json.dump({'rows': rows, 'bom': bom, 'crlf': crlf}, sys.stdout)
