import protobuf from 'protobufjs';
/**
 * The subset of W&B's `wandb_internal.Record` that `.wandb` run files are read with: field
 * numbers and types exactly as in `wandb/proto/wandb_internal.proto` of github.com/wandb/wandb
 * at commit b6e29505884ea60c79ca12091f1f75bd39d2f955 (2026-08-21). Fields and record types not
 * declared here (console output, system stats, config, files, ...) are skipped by protobufjs
 * while decoding. Field numbers have been stable from wandb 0.13 to 0.24 (the five real files
 * in shared/real-logs-2/wandb-run decode with them).
 */
const PROTO = `
syntax = "proto3";
package wandb_internal;
message Record {
  int64 num = 1;
  oneof record_type {
    HistoryRecord history = 2;
    SummaryRecord summary = 3;
    MetricRecord metric = 12;
    RunRecord run = 17;
    RunExitRecord exit = 18;
    FinalRecord final = 20;
    HeaderRecord header = 21;
    FooterRecord footer = 22;
  }
}
message HistoryRecord {
  repeated HistoryItem item = 1;
  HistoryStep step = 2;
}
message HistoryStep { int64 num = 1; }
message HistoryItem {
  string key = 1;
  repeated string nested_key = 2;
  string value_json = 16;
}
message SummaryRecord { repeated HistoryItem update = 1; }
message MetricRecord {
  string name = 1;
  string glob_name = 2;
  string step_metric = 4;
}
message RunRecord {
  string run_id = 1;
  string project = 3;
  string display_name = 8;
  int64 starting_step = 14;
  bool resumed = 18;
}
message RunExitRecord {
  int32 exit_code = 1;
  int32 runtime = 2;
}
message FinalRecord {}
message HeaderRecord { VersionInfo version_info = 1; }
message VersionInfo {
  string producer = 1;
  string min_consumer = 2;
}
message FooterRecord {}
`;
let recordType;
/** The `wandb_internal.Record` type (the declared subset). */
export function wandbRecordType() {
    recordType ??= protobuf.parse(PROTO, { keepCase: true }).root.lookupType('wandb_internal.Record');
    return recordType;
}
/** Decodes one record payload; throws protobufjs's error on malformed bytes. */
export function decodeWandbRecord(payload) {
    const type = wandbRecordType();
    return type.toObject(type.decode(payload), { longs: Number, defaults: false });
}
//# sourceMappingURL=wandb-proto.js.map