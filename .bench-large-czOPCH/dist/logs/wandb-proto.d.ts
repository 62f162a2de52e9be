import protobuf from 'protobufjs';
export interface WandbHistoryItem {
    key?: string;
    nested_key?: string[];
    value_json?: string;
}
/** A decoded record (only the declared fields; `longs` as numbers). */
export interface WandbRecord {
    num?: number;
    history?: {
        item?: WandbHistoryItem[];
        step?: {
            num?: number;
        };
    };
    summary?: {
        update?: WandbHistoryItem[];
    };
    metric?: {
        name?: string;
        glob_name?: string;
        step_metric?: string;
    };
    run?: {
        run_id?: string;
        project?: string;
        display_name?: string;
        starting_step?: number;
        resumed?: boolean;
    };
    exit?: {
        exit_code?: number;
        runtime?: number;
    };
    final?: object;
    header?: {
        version_info?: {
            producer?: string;
            min_consumer?: string;
        };
    };
    footer?: object;
}
/** The `wandb_internal.Record` type (the declared subset). */
export declare function wandbRecordType(): protobuf.Type;
/** Decodes one record payload; throws protobufjs's error on malformed bytes. */
export declare function decodeWandbRecord(payload: Uint8Array): WandbRecord;
