import { dvcliveFormat } from './dvclive.js';
import { mlflowFormat } from './mlflow.js';
import { wandbRunFormat } from './wandb-run.js';
export const EXTRA_FORMATS = [wandbRunFormat, mlflowFormat, dvcliveFormat];
export function extraFormat(name) {
    return EXTRA_FORMATS.find((f) => f.name === name);
}
//# sourceMappingURL=extra-formats.js.map