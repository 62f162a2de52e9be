/**
 * The tfjs namespace the trainer computes with. tfjs itself is imported on first use
 * (~0.25 s), so commands that do not train (analyze, report) do not pay for it.
 */
export type Tf = typeof import('@tensorflow/tfjs');
/** A backend that can actually run: what `--backend` resolves to. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
/** What the user may ask for with `--backend`. */
export type BackendRequest = 'auto' | BackendName;
export declare const BACKEND_REQUESTS: readonly BackendRequest[];
export interface SelectedBackend {
    /** The backend in use. */
    name: BackendName;
    /** The tfjs namespace bound to that backend (the active tfjs backend of this thread). */
    tf: Tf;
    /** Versions worth recording: tfjs, the backend package, wasm SIMD/threads, node. */
    versions: Record<string, string>;
    /** Why the earlier candidates of 'auto' were skipped (one line each). */
    skipped: string[];
}
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
export declare function selectBackend(request?: BackendRequest): Promise<SelectedBackend>;
