// Runs an edition's built search in Node, as a page would start it, without a browser.
//
// usage: node scripts/search_node.mjs EDITION_DIR < queries.json > results.json
//
// EDITION_DIR is a built edition (site/ or site/zh/). The worker is the one its home
// page names (its __config, as the page script reads it), loaded with the lunr scripts
// it imports, and sent the theme's own messages: setup with the edition's
// search/search_index.json, then each query (a JSON list of strings on stdin). Prints,
// for each query, the pages of its results in order (locations below the edition, ""
// for its home page) and the milliseconds the worker took to answer.
import fs from "node:fs"
import path from "node:path"
import vm from "node:vm"
import { performance } from "node:perf_hooks"

const dir = path.resolve(process.argv[2])
const home = fs.readFileSync(path.join(dir, "index.html"), "utf8")
const config = JSON.parse(home.match(/<script id="__config" type="application\/json">(.*?)<\/script>/s)[1])
const worker = path.resolve(dir, config.search)
const index = JSON.parse(fs.readFileSync(path.join(dir, "search", "search_index.json"), "utf8"))
const queries = JSON.parse(fs.readFileSync(0, "utf8"))

let listener = null
let answer = null
const context = vm.createContext({ console, URL, TextEncoder, TextDecoder })
context.self = context
context.addEventListener = (type, callback) => { if (type === "message") listener = callback }
context.postMessage = message => answer(message)
context.importScripts = (...urls) => {
  for (const url of urls) {
    const file = path.resolve(path.dirname(worker), url)
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file })
  }
}
vm.runInContext(fs.readFileSync(worker, "utf8"), context, { filename: worker })

const send = message => new Promise(resolve => { answer = resolve; listener({ data: message }) })
await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: true } } })
await send({ type: 2, data: "warm up" })  // as a reader's first query would, lunr warms up
const results = []
for (const query of queries) {
  const start = performance.now()
  const { data } = await send({ type: 2, data: query })
  const ms = performance.now() - start
  const pages = data.items.map(group => group[0].location.split("#")[0])
  results.push({ query, pages: pages.filter((page, at) => pages.indexOf(page) === at), ms })
}
process.stdout.write(JSON.stringify(results))
