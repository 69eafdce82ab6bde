#!/usr/bin/env python3
"""Best of N runs of a command: CPU (user + system) and wall milliseconds, and the load average.

usage: python3 benches/best_of.py N COMMAND [ARGS...]   (stdout of the command is discarded)
"""
import resource, subprocess, sys, time, os
n = int(sys.argv[1]); cmd = sys.argv[2:]
best_cpu = best_wall = 1e9
for _ in range(n):
    b = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    w = time.perf_counter() - t; a = resource.getrusage(resource.RUSAGE_CHILDREN)
    c = a.ru_utime - b.ru_utime + a.ru_stime - b.ru_stime
    best_cpu = min(best_cpu, c); best_wall = min(best_wall, w)
print(f"cpu {best_cpu*1000:7.1f} ms  wall {best_wall*1000:7.1f} ms  {' '.join(cmd[1:])}  [{os.path.basename(cmd[0])}, best of {n}, load {os.getloadavg()[0]:.1f}]")
