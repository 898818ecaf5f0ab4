"""The corpus browser's screens as a lead opens them: the release binary in tmux at 120x40
on a project (one written by examples/gen_project.rs), and the time from each key to the
screen's title. Usage: cargo build --release && python3 benches/support/screens.py PROJECT"""
import os,subprocess,time,sys
BIN=os.path.join(os.path.dirname(os.path.abspath(__file__)),"..","..","target","release","glossator")
T=["tmux","-L","meas"]
def cap(): return subprocess.run(T+["capture-pane","-p","-t","t"],capture_output=True,text=True).stdout
def wait(pred,limit=60):
    s=time.time()
    while time.time()-s<limit:
        c=cap()
        if pred(c): return time.time()-s,c
        time.sleep(0.005)
    return None,cap()
subprocess.run(T+["kill-server"],capture_output=True)
proj=sys.argv[1]
subprocess.run(T+["new","-d","-s","t","-x","120","-y","40",f"{BIN} {proj} --annotator ana"])
t,_=wait(lambda c:"Articles" in c); print("browser first screen: %.3f s"%t)
for key,needle,name in [("r"," Review ·","review"),("Escape","Articles","back"),("d"," Dashboard","dashboard"),("Escape","Articles","back"),("A"," vs ","agreement"),("Escape","Articles","back")]:
    subprocess.run(T+["send-keys","-t","t",key])
    t,c=wait(lambda c,n=needle:n in c)
    print(f"{name}: {t:.3f} s" if t else f"{name}: timeout\n{c}")
subprocess.run(T+["kill-server"],capture_output=True)
