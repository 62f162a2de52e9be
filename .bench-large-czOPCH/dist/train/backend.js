import { createRequire } from 'node:module';
import path from 'node:path';
import { PlateauDoctorError } from '../errors.js';
export const BACKEND_REQUESTS = ['auto', 'tensorflow', 'wasm', 'cpu'];
const TFJS_NODE = '@tensorflow/tfjs-node';
const TFJS_WASM = '@tensorflow/tfjs-backend-wasm';
/** One loaded candidate per thread: tfjs backends are process-global (per worker thread). */
let wasmPathsSet = false;
/**
 * Loads and activates a tfjs backend.
 *
 * - 'auto' tries `@tensorflow/tfjs-node` (an optional dependency: any error while loading it,
 *   not only "not found", skips it), then `@tensorflow/tfjs-backend-wasm` (its `.wasm` files
 *   are read from its own folder in node_modules), then the pure-JS `cpu` backend.
 * - An explicit request that cannot be honoured throws a PlateauDoctorError saying why and
 *   what to do.
 *
 * In Node, tfjs disables the wasm backend's threads (tfjs issue #3830), so wasm runs on one
 * core per thread; plateau-doctor uses every core by running runs in worker threads instead.
 */
export async function selectBackend(request = 'auto') {
    if (!BACKEND_REQUESTS.includes(request)) {
        throw new PlateauDoctorError(`unknown backend "${String(request)}"; use one of ${BACKEND_REQUESTS.join(', ')}`);
    }
    const skipped = [];
    const order = request === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [request];
    for (const name of order) {
        try {
            const selected = await activate(name);
            return { ...selected, skipped };
        }
        catch (error) {
            const why = errorLine(error);
            if (request !== 'auto') {
                throw new PlateauDoctorError(`--backend ${name} is not available: ${why}; ${ADVICE[name]}`, { cause: error });
            }
            skipped.push(`${name}: ${why}`);
        }
    }
    throw new PlateauDoctorError(`no tfjs backend could be loaded (${skipped.join('; ')}); reinstall plateau-doctor with \`npm install\``);
}
const ADVICE = {
    tensorflow: `install the optional native backend with \`npm install ${TFJS_NODE}\` (it downloads libtensorflow, so it needs network access), or use --backend auto|wasm|cpu`,
    wasm: `reinstall with \`npm install\` (the package ${TFJS_WASM} and its .wasm files must be present), or use --backend cpu`,
    cpu: 'reinstall plateau-doctor with `npm install`',
};
async function activate(name) {
    const tfjs = await import('@tensorflow/tfjs');
    const versions = { tfjs: tfjs.version.tfjs, node: process.versions.node };
    let tf = tfjs;
    if (name === 'tensorflow') {
        // A variable specifier keeps TypeScript from requiring the optional package's types.
        const specifier = TFJS_NODE;
        const mod = (await import(specifier));
        // tfjs-node is CommonJS: its namespace may arrive as the module or as its default export.
        tf = (typeof mod.setBackend === 'function' ? mod : mod.default);
        const version = mod.version?.['tfjs-node'] ?? mod.default?.version?.['tfjs-node'];
        if (version)
            versions['tfjs-node'] = version;
    }
    else if (name === 'wasm') {
        const wasm = (await import(TFJS_WASM));
        if (!wasmPathsSet) {
            // In Node the backend reads the .wasm files with fs from a folder; point it at its own
            // dist folder explicitly so that bundling or a different cwd does not matter.
            const require = createRequire(import.meta.url);
            const dist = path.dirname(require.resolve(TFJS_WASM));
            wasm.setWasmPaths(dist + path.sep);
            wasmPathsSet = true;
        }
        versions['tfjs-backend-wasm'] = wasm.version_wasm;
    }
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name)
        throw new Error(`tf.setBackend('${name}') failed`);
    await tf.ready();
    if (name === 'cpu') {
        // The cpu backend prints a banner recommending tfjs-node on its first tensor in Node;
        // plateau-doctor reports the backend it uses itself.
        const cpu = tf.backend();
        if ('firstUse' in cpu)
            cpu.firstUse = false;
    }
    if (name === 'wasm') {
        versions['wasm-simd'] = String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
        versions['wasm-threads'] = String(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    }
    return { name, tf, versions };
}
function errorLine(error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
        return 'not installed';
    const text = error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error);
    return text.split('\n')[0].trim() || 'unknown error';
}
//# sourceMappingURL=backend.js.map