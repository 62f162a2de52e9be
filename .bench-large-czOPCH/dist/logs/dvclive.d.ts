import type { LossLog } from './loss-log.js';
import { type ReadTabularOptions } from './tabular.js';
export declare function isDvcliveDir(dir: string): boolean;
/** A DVCLive folder: one series per loss metric (every metric when none is named like a loss). */
export declare function readDvclive(dir: string, options?: ReadTabularOptions): Promise<LossLog>;
export declare const dvcliveFormat: {
    name: string;
    sniffDir: (dir: string) => boolean;
    read: (dir: string, options: ReadTabularOptions) => Promise<LossLog>;
};
