// Preloaded (node --import) into every process the local stack starts. When the orchestrator dies
// without stopping its children (SIGKILL, out of memory), they are re-parented; this notices within
// a second and asks the process to shut down as if Ctrl-C had been pressed, so no orphan keeps ports
// and database connections busy. The timer is unref'd: it never keeps a process alive by itself.

const orchestratorPid = process.ppid;

const watch = setInterval(() => {
  if (process.ppid === orchestratorPid) return;
  clearInterval(watch);
  process.kill(process.pid, "SIGTERM");
}, 1_000);
watch.unref();

export {};
