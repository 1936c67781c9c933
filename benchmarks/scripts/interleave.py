#!/usr/bin/env python3
"""Whole-process timings that survive a drifting machine: the commands run in turn, round after round
(each round in the opposite order of the previous one), after one untimed warm-up run each; prints
the median, quartiles, minimum and median CPU time (user + sys of the children) of every command.

usage: interleave.py ROUNDS NAME1 'COMMAND1' NAME2 'COMMAND2' ...   (commands run with sh -c)
"""
import resource
import statistics
import subprocess
import sys
import time

rounds=int(sys.argv[1]); cmds=list(zip(sys.argv[2::2], sys.argv[3::2]))
res={n:[] for n,_ in cmds}; cpu={n:[] for n,_ in cmds}
for n,c in cmds:  # warm-up
    subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for r in range(rounds):
    for n,c in (cmds if r%2==0 else cmds[::-1]):
        before=resource.getrusage(resource.RUSAGE_CHILDREN)
        t=time.perf_counter(); p=subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); dt=time.perf_counter()-t
        after=resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode!=0: print('FAILED',n,p.returncode); sys.exit(1)
        res[n].append(dt); cpu[n].append((after.ru_utime-before.ru_utime)+(after.ru_stime-before.ru_stime))
for n,_ in cmds:
    v=sorted(res[n]); q=lambda p: v[int(p*(len(v)-1))]
    print(f"{n:28} median {statistics.median(v):.3f} s  p25 {q(0.25):.3f}  p75 {q(0.75):.3f}  min {v[0]:.3f}  cpu median {statistics.median(cpu[n]):.3f} s  (n={len(v)})")
