// Runs one ffmpeg command in FFmpeg compiled to WebAssembly (@ffmpeg/core), inside a worker
// thread: the video never leaves the process, the decoder cannot touch anything outside its
// WebAssembly memory and in-memory files, and the caller can stop it (worker.terminate).
// Plain JavaScript so that Node runs it without the TypeScript loader; see video-poster.ts.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

// @ffmpeg/core is built for web workers: it reads its own address from `self.location`.
globalThis.self = globalThis;
globalThis.location = { href: import.meta.url };

const require = createRequire(import.meta.url);
const createFFmpegCore = require('@ffmpeg/core');

const { module, input, inputName, outputName, args } = workerData;
const log = [];
const core = await createFFmpegCore({
  instantiateWasm(imports, success) {
    WebAssembly.instantiate(module, imports).then((instance) => success(instance, module));
    return {};
  },
});
core.setLogger((entry) => {
  if (log.length < 400) log.push(entry.message);
});
core.FS.writeFile(inputName, input);
const code = core.exec(...args);
let output = null;
try {
  output = core.FS.readFile(outputName);
} catch {
  output = null;
}
parentPort.postMessage({ code, output, log }, output ? [output.buffer] : []);
