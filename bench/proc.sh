# CPU time of processes from /proc, for the bench scripts (sourced, not run): utime + stime,
# fields 14 and 15 of /proc/<pid>/stat, in clock ticks (getconf CLK_TCK per second).
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
# the sum over several processes
sum_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(cpu_ticks "$pid"))); done; echo "$t"; }
