#!/usr/bin/env bash
# Settles one outpatient visit and one inpatient stay against a running `yibao demo`,
# with curl, printing each answer. Usage: scripts/try-settlement.sh [http://127.0.0.1:8080]
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
URL="$BASE/fsi/api/rsfComIfsService/callService"

# Gateway authentication of `yibao demo`: secret "demo-" + institution code, sign_no from 9001.
declare -A SIGN
call() { # infno fixmedins_code input-json
  local ts nonce sig
  ts=$(date +%s); nonce=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  sig=$(printf '%s' "$ts""demo-$2""$nonce$ts" | sha256sum | cut -d' ' -f1)
  curl -sS -X POST "$URL" -H 'Content-Type: application/json' -H "x-tif-paasid: $2" -H "x-tif-timestamp: $ts" \
    -H "x-tif-nonce: $nonce" -H "x-tif-signature: $sig" \
    -d "{\"infno\":\"$1\",\"msgid\":\"$2$(date +%Y%m%d%H%M%S)$(date +%N | cut -c1-4)\",\"fixmedins_code\":\"$2\",\"sign_no\":\"${SIGN[$2]:-}\",\"input\":$3}"
}
sign_in() { SIGN[$1]=$(call 9001 "$1" '{"signIn":{"opter_no":"001"}}' | field "['output']['signinoutb']['sign_no']"); }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
show() { python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['output'], ensure_ascii=False, indent=1))"; }

H=H37040200002   # 枣庄市市中区人民医院, level 2
P=37040000000000000001
sign_in $H
echo "== Outpatient: 张丽娟 (390 resident) at $H on 2021-05-10"
VISIT=$(call 2201 $H "{\"data\":{\"psn_no\":\"$P\",\"insutype\":\"390\",\"begntime\":\"2021-05-10 09:30:00\"}}" | field "['output']['data']['mdtrt_id']")
call 2203 $H "{\"mdtrtinfo\":{\"mdtrt_id\":\"$VISIT\",\"med_type\":\"11\",\"dise_codg\":\"J06.900\"}}" > /dev/null
line() { echo "{\"feedetl_sn\":\"$1\",\"mdtrt_id\":\"$VISIT\",\"psn_no\":\"$P\",\"med_list_codg\":\"$2\",\"pric\":$3,\"cnt\":$4,\"det_item_fee_sumamt\":$5}"; }
call 2204 $H "{\"feedetail\":[$(line 1 XJ01CAH502A010343505254 9.80 2 19.60),$(line 2 XC10AAM023A001523859692 26.40 1 26.40),$(line 3 001110000010100 10.00 1 10.00),$(line 4 XA08ABQ915A010860222748 188.00 1 188.00)]}" > /dev/null
call 2207 $H "{\"data\":{\"psn_no\":\"$P\",\"mdtrt_id\":\"$VISIT\",\"med_type\":\"11\",\"medfee_sumamt\":244.00,\"insutype\":\"390\",\"acct_used_flag\":\"0\"}}" | show

H=H37040200001   # 枣庄市立医院, level 3
P=37040000000000000002
sign_in $H
echo "== Inpatient: 王德胜 (390 resident, 低保) at $H, 2021-03-01 → 2021-03-10"
VISIT=$(call 2401 $H "{\"mdtrtinfo\":{\"psn_no\":\"$P\",\"insutype\":\"390\",\"begntime\":\"2021-03-01 10:00:00\",\"med_type\":\"21\",\"dise_codg\":\"K35.900\"}}" | field "['output']['result']['mdtrt_id']")
line() { echo "{\"feedetl_sn\":\"$1\",\"mdtrt_id\":\"$VISIT\",\"psn_no\":\"$P\",\"med_list_codg\":\"$2\",\"pric\":\"$3\",\"cnt\":\"$4\",\"det_item_fee_sumamt\":\"$5\"}"; }
call 2301 $H "{\"feedetail\":[$(line 1 001109000010100 50.00 9 450.00),$(line 2 003310030010100 800.00 1 800.00),$(line 3 001201000030100 25.00 9 225.00),$(line 4 C0601018630327135462 1500.00 1 1500.00),$(line 5 XL01XCK141A030607248873 1080.00 10 10800.00),$(line 6 002501010150100 20.00 3 60.00)]}" > /dev/null
call 2402 $H "{\"dscginfo\":{\"mdtrt_id\":\"$VISIT\",\"psn_no\":\"$P\",\"endtime\":\"2021-03-10 09:00:00\"}}" > /dev/null
call 2304 $H "{\"data\":{\"psn_no\":\"$P\",\"mdtrt_id\":\"$VISIT\",\"medfee_sumamt\":\"13835.00\",\"insutype\":\"390\",\"acct_used_flag\":\"0\"}}" | show
