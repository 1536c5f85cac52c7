import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * fastText's supervised classifier (WebAssembly build from `fasttext.wasm.js`): subword n-grams
 * tolerate typos, inflection and German compounds, and it trains in seconds.
 * Training runs in a worker thread: the WebAssembly heap grows to several hundred MB while it
 * trains and never shrinks, so it goes away with the worker; and a second training in the same
 * module was seen to reuse the first one's data. Prediction runs in the main thread on the saved
 * model, whose heap is only as large as the model.
 */

export interface TrainOptions {
  epoch: number;
  lr: number;
  dim: number;
  bucket: number;
  wordNgrams: number;
  minn: number;
  maxn: number;
  /** Fixed, with fastText's single thread: the same data gives the same model, byte for byte. */
  seed: number;
  /** softmax (probabilities sum to 1) or one-vs-all (an independent probability per label). */
  loss?: "softmax" | "ova";
}

const require = createRequire(import.meta.url);
const MODULE = require.resolve("fasttext.wasm.js");

// Runs in the worker (CommonJS, evaluated from this string so that it works from sources and from dist alike).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { getFastTextClass, getFastTextModule } = require(workerData.module);
  const FastText = await getFastTextClass({ getFastTextModule });
  const model = await new FastText().trainSupervised(workerData.url, { loss: "softmax", ...workerData.options, thread: 1, verbose: 0 }, () => {});
  const bytes = new Uint8Array(await model.saveModel().arrayBuffer());
  parentPort.postMessage(bytes, [bytes.buffer]);
})().catch((error) => parentPort.postMessage({ error: String(error && error.message || error) }));
`;

/** Trains on "__label__<label> <text>" lines; resolves with the saved model's bytes. */
export function trainFastText(lines: string[], options: TrainOptions): Promise<Uint8Array> {
  const url = `data:text/plain;base64,${Buffer.from(lines.join("\n")).toString("base64")}`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: MODULE, url, options } });
    worker.once("message", (message: Uint8Array | { error: string }) => {
      void worker.terminate();
      if (message instanceof Uint8Array) resolve(message);
      else reject(new Error(`fastText training failed: ${message.error}`));
    });
    worker.once("error", reject);
  });
}

interface NativeModel {
  predict(text: string, k: number, threshold: number): { size(): number; get(i: number): [number, string] };
}

interface FastTextInstance {
  ft: NativeModel & { loadModel(path: string): void };
  fs: { createDevice(parent: string, name: string, input: () => number | null, output: null): unknown; unlink(path: string): void };
}

type FastTextClass = new () => FastTextInstance;

/**
 * A WebAssembly module of its own for each model: two models loaded into one module were seen to
 * answer with each other's labels (the binding keeps state per module, not per instance).
 */
async function loadClass(): Promise<FastTextClass> {
  const { getFastTextClass, getFastTextModule } = (await import("fasttext.wasm.js")) as unknown as {
    getFastTextClass(o: { getFastTextModule: unknown }): Promise<FastTextClass>;
    getFastTextModule: unknown;
  };
  return getFastTextClass({ getFastTextModule });
}

/**
 * Loads a model into a fresh module. fastText reads models from its in-memory file system, and
 * writing the file there cost three times its size in resident memory (two copies in the
 * WebAssembly heap, which never shrinks); a device that hands fastText the bytes as it reads them
 * costs nothing beyond the model itself.
 */
async function loadNative(bytes: Uint8Array): Promise<NativeModel> {
  const instance = new (await loadClass())();
  let data: Uint8Array | undefined = bytes;
  let at = 0;
  instance.fs.createDevice("/", "model.bin", () => (data && at < data.length ? data[at++]! : null), null);
  try {
    instance.ft.loadModel("/model.bin");
  } finally {
    data = undefined; // the bytes are garbage now; only the parsed model stays
    instance.fs.unlink("/model.bin");
  }
  return instance.ft;
}

const LABEL = "__label__";

/** A trained model, ready to predict. */
export class FastTextClassifier {
  private constructor(private readonly model: NativeModel) {}

  static async fromFile(path: string): Promise<FastTextClassifier> {
    return FastTextClassifier.fromBytes(readFileSync(path));
  }

  static async fromBytes(bytes: Uint8Array): Promise<FastTextClassifier> {
    return new FastTextClassifier(await loadNative(bytes));
  }

  /** The `k` most probable labels with their probabilities, best first. `text` is already normalised. */
  predict(text: string, k: number): [string, number][] {
    const result = this.model.predict(text, k, 0);
    const out: [string, number][] = [];
    for (let i = 0; i < result.size(); i++) {
      const [probability, label] = result.get(i);
      out.push([label.startsWith(LABEL) ? label.slice(LABEL.length) : label, probability]);
    }
    return out;
  }
}
