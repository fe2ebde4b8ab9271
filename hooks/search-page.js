// Put by hooks/search.py into Material's page script (bundle), where the theme starts
// its search worker (`new Worker(url)`) as every page loads: this stand-in starts the
// worker with its first message, which the theme sends when a reader opens the search,
// so a reader who never searches does not download it. It is an expression: the hook
// puts it in place of `new Worker`. `node --check` checks it (tests/test_search.py).
(url => {
  let worker
  const listeners = []
  return {
    addEventListener(...args) {
      listeners.push(args)
      if (worker) worker.addEventListener(...args)
    },
    removeEventListener(...args) {
      const at = listeners.findIndex(known => known[0] === args[0] && known[1] === args[1])
      if (at >= 0) listeners.splice(at, 1)
      if (worker) worker.removeEventListener(...args)
    },
    postMessage(message) {
      if (!worker) {
        worker = new Worker(url)
        for (const args of listeners) worker.addEventListener(...args)
      }
      worker.postMessage(message)
    },
  }
})
