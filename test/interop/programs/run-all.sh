#!/bin/bash
# One cell row of the interop matrix: each SDK's tiny program, as this shell's environment makes it
# resolve credentials, calls GetCallerIdentity on the fake STS and prints the ARN (or ERROR: …).
#   bash run-all.sh OUT_FILE STS_URL NODE GO_BINARY_OR_EMPTY
# The AWS CLI's own STS calls (when it resolves a profile by itself) reach the fake through a data
# path with an endpoint rule set, as ../shared/notes/aws-clients-here.md describes.
out=$1 sts=$2 node=$3 go=$4
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
data=$tmp/data
mkdir -p "$data/sts/2011-06-15"
cat > "$data/sts/2011-06-15/endpoint-rule-set-1.json" <<JSON
{"version":"1.0","parameters":{"Region":{"builtIn":"AWS::Region","required":false,"type":"String"},"Endpoint":{"builtIn":"SDK::Endpoint","required":false,"type":"String"}},
 "rules":[{"conditions":[{"fn":"isSet","argv":[{"ref":"Endpoint"}]}],"endpoint":{"url":{"ref":"Endpoint"}},"type":"endpoint"},
          {"conditions":[],"endpoint":{"url":"$sts"},"type":"endpoint"}]}
JSON
one() { # name, command…: what the program printed (its error output only when it printed nothing), on one line
  local name=$1; shift
  local r
  r=$(ARS_INTEROP_ENDPOINT=$sts timeout 60 "$@" 2>"$tmp/$name.err" </dev/null)
  [ -n "$r" ] || r=$(grep -v '^[[:space:]]*$' "$tmp/$name.err" | tail -n 3)
  r=$(printf '%s' "$r" | tr -s '\r\n' '  ' | sed 's/ *$//')
  printf '%s\t%s\n' "$name" "${r:-ERROR: no output}" > "$tmp/$name"
}
one cli env AWS_DATA_PATH="$data" /usr/bin/aws sts get-caller-identity --endpoint-url "$sts" --query Arn --output text &
one boto3 /usr/bin/python3 "$here/whoami.py" &
one js "$node" "$here/whoami.mjs" &
if [ -n "$go" ]; then one go "$go" & fi
wait
{
  printf 'AWS_PROFILE\t%s\n' "${AWS_PROFILE-<unset>}"
  if [ -n "$AWS_CONTAINER_CREDENTIALS_FULL_URI" ]; then printf 'DELIVERY\tendpoint\n'; else printf 'DELIVERY\tkeys\n'; fi
  cat "$tmp/cli" "$tmp/boto3" "$tmp/js"
  [ -n "$go" ] && cat "$tmp/go"
  echo __DONE__
} > "$out.part"
mv "$out.part" "$out"
rm -rf "$tmp"
