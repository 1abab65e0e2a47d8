#!/usr/bin/env bash
# The real-kernel profile: runs the driver-independent tests (tests/Core, tests/Vgem) on the emulated machine and
# on the real vgem of a VM, then compares the two runs test by test (igt-runner differential).
#   tools/vm/run-real-kernel.sh [OUT]      (default OUT: results/real-kernel)
# OUT gets emulated/ and real/ (normal results directories), differential.txt and vm/ (the VM's console log).
# Exit 0 when the real run passed and every disagreement is documented (docs/real-kernel-differences.txt).
# IGT_VM_ARTIFACTS (default /tmp/igt-vm-build) is the isolated --artifacts-path of the builds;
# IGT_VM_BUILD_ARGS adds msbuild arguments to the test build.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mkdir -p "${1:-$root/results/real-kernel}" && cd "${1:-$root/results/real-kernel}" && pwd)
art=${IGT_VM_ARTIFACTS:-/tmp/igt-vm-build}
seed=${IGT_SEED:-0x1}
vm="$out/vm"
log() { echo "real-kernel: $*" >&2; }

t0=$(date +%s)
"$root/tools/vm/prepare.sh"
t1=$(date +%s)
log "building the tests and the runner into $art"
# shellcheck disable=SC2086
dotnet build "$root/tests/Core" --artifacts-path "$art" -nologo -v q ${IGT_VM_BUILD_ARGS:-} > "$art.build.log" 2>&1 || { tail -30 "$art.build.log"; exit 1; }
# shellcheck disable=SC2086
dotnet build "$root/tests/Vgem" --artifacts-path "$art" -nologo -v q ${IGT_VM_BUILD_ARGS:-} >> "$art.build.log" 2>&1 || { tail -30 "$art.build.log"; exit 1; }
dotnet build "$root/runner/Igt.Runner" --artifacts-path "$art" -nologo -v q >> "$art.build.log" 2>&1 || { tail -30 "$art.build.log"; exit 1; }
runner=(dotnet "$art/bin/Igt.Runner/debug/igt-runner.dll")
assemblies=(--assembly "$art/bin/Igt.Tests.Core/debug/Igt.Tests.Core.dll" --assembly "$art/bin/Igt.Tests.Vgem/debug/Igt.Tests.Vgem.dll")
t2=$(date +%s)

trap '"$root/tools/vm/boot.sh" stop "$vm"' EXIT
"$root/tools/vm/boot.sh" start "$vm"
t3=$(date +%s)

status=0
log "run on the real kernel"
"${runner[@]}" run "$out/real" -o --no-build "${assemblies[@]}" --seed "$seed" --progress plain \
	-e IGT_BACKEND=vm -e "IGT_VM_DIR=$vm" -e IGT_SYSCALL_TRACE=1 > "$out/real.log" 2>&1 || status=1
tail -3 "$out/real.log" >&2
t4=$(date +%s)
"$root/tools/vm/boot.sh" stop "$vm"
trap - EXIT

log "run on the emulated machine"
"${runner[@]}" run "$out/emulated" -o --no-build "${assemblies[@]}" --seed "$seed" --progress plain \
	-e IGT_SYSCALL_TRACE=1 > "$out/emulated.log" 2>&1 || true
tail -3 "$out/emulated.log" >&2
t5=$(date +%s)

"${runner[@]}" differential "$out/emulated" "$out/real" --expected "$root/docs/real-kernel-differences.txt" \
	--output "$out/differential.txt" > /dev/null || status=1
sed -n 1,2p "$out/differential.txt" >&2
grep -A3 UNEXPLAINED "$out/differential.txt" >&2 || true
log "prepare $((t1 - t0))s, build $((t2 - t1))s, boot $(cat "$vm/boot-seconds")s, real run $((t4 - t3))s, emulated run $((t5 - t4))s, total $((t5 - t0))s"
exit $status
