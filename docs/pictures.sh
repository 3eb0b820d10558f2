#!/usr/bin/env bash
# Remakes the pictures under docs/ from the demo: the app's screens captured
# in tmux and drawn by headless Chromium, the room's phone page by the serve
# package's browser test, and the report converted by pandoc.
# Needs tmux, pandoc, chromium, pngquant and python3 (Debian packages of those
# names). Run from the repository: bash docs/pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/docs
work=$(mktemp -d)
trap 'tmux kill-session -t seam-pictures 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/seam" .
db=$work/seam.db
"$work/seam" --db "$db" demo > /dev/null

# open_app: starts the app at 100x30 in tmux.
open_app() {
	tmux kill-session -t seam-pictures 2>/dev/null || true
	tmux new-session -d -s seam-pictures -x 100 -y 30 \
		"env TERM=xterm-256color COLORTERM=truecolor COLORFGBG='15;0' HOME=$work $work/seam --db $db"
	sleep 1.5
}

# type_keys KEYS...: types the keys, a pause after each.
type_keys() {
	for k in "$@"; do
		tmux send-keys -t seam-pictures "$k"
		sleep 0.7
	done
}

# shot NAME KEYS...: opens the app, types the keys and saves the screen as
# docs/NAME.png.
shot() {
	local name=$1
	shift
	open_app
	type_keys "$@"
	capture "$name"
}

# capture NAME [LINE-HEIGHT]: saves the app's screen as docs/NAME.png;
# a line height of 1 draws half blocks (a QR code) without gaps.
capture() {
	local name=$1 lh=${2:-1.25}
	tmux capture-pane -e -p -t seam-pictures > "$work/$name.ansi"
	python3 - "$work/$name.ansi" "$lh" > "$work/$name.html" <<'PY'
import html, re, sys
base = ["#1e1e2e", "#f38ba8", "#a6e3a1", "#f9e2af", "#89b4fa", "#f5c2e7", "#94e2d5", "#cdd6f4",
        "#585b70", "#f38ba8", "#a6e3a1", "#f9e2af", "#89b4fa", "#f5c2e7", "#94e2d5", "#ffffff"]
def c256(n):
    if n < 16: return base[n]
    if n < 232:
        n -= 16; v = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (v[n // 36], v[n // 6 % 6], v[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)
fg = bg = None; bold = faint = ul = rev = False
out = []
for line in open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\n"):
    for part in re.split(r"(\x1b\[[0-9;]*m)", line):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if m:
            ps = [int(p) if p else 0 for p in m.group(1).split(";")]
            i = 0
            while i < len(ps):
                p = ps[i]
                if p == 0: fg = bg = None; bold = faint = ul = rev = False
                elif p == 1: bold = True
                elif p == 2: faint = True
                elif p == 4: ul = True
                elif p == 7: rev = True
                elif p == 22: bold = faint = False
                elif p == 24: ul = False
                elif p == 27: rev = False
                elif 30 <= p <= 37: fg = base[p - 30]
                elif 90 <= p <= 97: fg = base[p - 82]
                elif 40 <= p <= 47: bg = base[p - 40]
                elif 100 <= p <= 107: bg = base[p - 92]
                elif p == 39: fg = None
                elif p == 49: bg = None
                elif p in (38, 48) and i + 1 < len(ps):
                    if ps[i + 1] == 5: col = c256(ps[i + 2]); i += 2
                    else: col = "#%02x%02x%02x" % tuple(ps[i + 2:i + 5]); i += 4
                    if p == 38: fg = col
                    else: bg = col
                i += 1
            continue
        if not part: continue
        f, b = fg, bg
        if rev: f, b = (b or "#1e1e2e"), (f or "#cdd6f4")
        style = []
        if f: style.append("color:" + f)
        if b: style.append("background:" + b)
        if bold: style.append("font-weight:bold")
        if faint: style.append("opacity:.6")
        if ul: style.append("text-decoration:underline")
        out.append('<span style="%s">%s</span>' % (";".join(style), html.escape(part)))
    out.append("\n")
print('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e2e">'
      '<pre style="margin:0;padding:14px;font:15px/' + sys.argv[2] + ' \'DejaVu Sans Mono\',monospace;color:#cdd6f4">'
      + "".join(out) + "</pre>")
PY
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=952,600 \
		--screenshot="$work/$name.full.png" "file://$work/$name.html" > /dev/null 2>&1
	pngquant --quality 60-90 --speed 1 --force --output "$out/$name.png" "$work/$name.full.png"
	echo "docs/$name.png: $(stat -c %s "$out/$name.png") bytes"
}

shot question Enter Left Up Up Up e
shot results Enter r
shot heatmap j Enter m y

# The facilitator's room screen: a new workshop with the demo's people,
# opened to the room from the app (o, the form's defaults), and three of
# them answering from their "phones" (HTTP, as the join page's forms do).
room=$("$work/seam" --db "$db" new --workshop --org "Northwind Freight (sample)" --title "Board workshop, live room")
for p in "Avery Chen:business:COO" "Blake Osei:business:Head of Sales Operations" "Casey Novak:it:CIO" "Dana Kim:data:Chief Data Officer" "Emery Silva:security:CISO"; do
	IFS=: read -r name function role <<< "$p"
	"$work/seam" --db "$db" participant add "$room" --name "$name" --function "$function" --role "$role" > /dev/null
done
open_app
type_keys Enter o Enter Enter Enter
link=$(tmux capture-pane -p -t seam-pictures | grep -o 'http://[^ ]*/r/[^ ]*/' | head -1)
python3 - "$link" <<'PY'
import re, sys, urllib.parse, urllib.request, http.cookiejar
link = sys.argv[1]
def phone(name, answers):
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = lambda body: re.search(r'name="csrf" value="([^"]+)"', body).group(1)
    body = op.open(link).read().decode()
    body = op.open(link + "join", urllib.parse.urlencode({"csrf": token(body), "name": name}).encode()).read().decode()
    for n, a in enumerate(answers, 1):
        body = op.open(link + "q/%d" % n, urllib.parse.urlencode({"csrf": token(body), "answer": a}).encode()).read().decode()
phone("Avery Chen", "2132213121232")
phone("Casey Novak", "45343434")
phone("Dana Kim", "2")
PY
sleep 1
capture room 1
tmux kill-session -t seam-pictures 2>/dev/null || true

# What moved since the last assessment: a follow-up of the demo's
# self-assessment (seam reassess prints its id), answered a quarter later
# as before but for six questions that moved, is listed first; its
# results, then C.
next=$("$work/seam" --db "$db" reassess dem2se 2> /dev/null)
"$work/seam" --db "$db" report dem2se --format csv | python3 -c '
import csv, sys
moved = {"m1.q2": "3", "m2.q1": "3", "m3.q1": "2", "m3.q6": "2", "m6.q2": "2", "m4.q3": "1"}
print("answers:")
for row in csv.DictReader(sys.stdin):
    print("  %s: %s" % (row["question_id"], moved.get(row["question_id"], row["answer"])))
' > "$work/follow-up.yaml"
"$work/seam" --db "$db" answer "$next" --answers "$work/follow-up.yaml"
shot compare r C

# The workshop room's page on a phone (390 by 844, twice the pixels), as
# the serve package's phone test leaves it: a participant of a Northwind
# Freight workshop on question 3, the answer to question 2 just saved.
SEAM_REQUIRE_BROWSER=1 go test ./serve -count=1 -run '^TestEveryQuestionPageFitsAPhone$' -phone-picture "$work/room-phone.full.png" > /dev/null
pngquant --quality 60-85 --speed 1 --force --output "$out/room-phone.png" "$work/room-phone.full.png"
echo "docs/room-phone.png: $(stat -c %s "$out/room-phone.png") bytes"

# The report as leadership reads it: converted by pandoc, the top of the page.
cat > "$work/report.css" <<'CSS'
body { font-family: "DejaVu Sans", sans-serif; font-size: 15px; line-height: 1.45; max-width: 880px; margin: 24px auto; color: #1f2328; padding: 0 20px; }
h1 { font-size: 26px; border-bottom: 1px solid #d0d7de; padding-bottom: 6px; }
h2 { font-size: 20px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 28px; }
table { border-collapse: collapse; margin: 12px 0; }
td, th { border: 1px solid #d0d7de; padding: 4px 10px; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; background: #f6f8fa; padding: 1px 4px; }
li { margin: 4px 0; }
CSS
"$work/seam" --db "$db" report dem2ws -o "$work/report.md"
pandoc -s --metadata pagetitle="seam sample report" -c "$work/report.css" "$work/report.md" -o "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=940,1050 \
	--screenshot="$work/report.full.png" "file://$work/report.html" > /dev/null 2>&1
pngquant --quality 60-85 --speed 1 --force --output "$out/report-excerpt.png" "$work/report.full.png"
echo "docs/report-excerpt.png: $(stat -c %s "$out/report-excerpt.png") bytes"
