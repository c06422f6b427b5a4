// A static file server for the tests: serves a folder on 127.0.0.1 at a free
// port, with the MIME types browsers insist on (application/wasm, modules).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json",
  ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
};

// `roots` maps a URL prefix ("/test/") to a folder; "/" is the fallback.
// `isolate`: send the COOP/COEP headers that make pages cross-origin
// isolated, where Chromium's performance.now() has 5 µs steps, not 100 µs
// (the benchmarks time calls that take a millisecond or two).
export async function serve(roots, { isolate = false } = {}) {
  if (typeof roots === "string") roots = { "/": roots };
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const prefix = prefixes.find((p) => path.startsWith(p)) ?? "/";
    const rest = path.slice(prefix.length);
    const file = join(roots[prefix], rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest);
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (isolate) {
        headers["cross-origin-opener-policy"] = "same-origin";
        headers["cross-origin-embedder-policy"] = "require-corp";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];
