#!/bin/bash
# Same-JVM A/B of the differ: this tree's org.vfiovnc.damage against the same package at REV,
# interleaved round by round (org.vfiovnc.bench.DifferAb). REV's package is renamed to
# org.vfiovnc.baselinedamage and compiled against this tree's other packages, so it must not need
# their older versions.
#   bench/differ-ab.sh REV [ROUNDS]      e.g. bench/differ-ab.sh HEAD~1 400
set -euo pipefail
rev=${1:?usage: bench/differ-ab.sh REV [ROUNDS]}
rounds=${2:-400}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test
pkg=src/main/java/org/vfiovnc/damage
mkdir -p "$work/src" "$work/classes"
git archive "$rev" "$pkg" | tar -x -C "$work/src"
find "$work/src" -name '*.java' -exec sed -i 's/\borg\.vfiovnc\.damage\b/org.vfiovnc.baselinedamage/g' {} +
find "$work/src" -name '*.java' -print0 | xargs -0 javac -nowarn -d "$work/classes" -cp target/classes \
    || { echo "differ-ab: $rev's $pkg does not compile against this tree's other classes" >&2; exit 1; }
echo "baseline: $pkg at $(git rev-parse --short "$rev"); this tree: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- "$pkg" || echo ' + uncommitted changes')"
java -cp "$work/classes:target/classes:target/test-classes:$(cat "$work/cp.txt")" org.vfiovnc.bench.DifferAb "$rounds"
