/**
 * Delivers raised alerts from the workspace's notice queue: to the JSON-lines file always, to syslog when a
 * collector is configured. A notice leaves the queue of a channel only once that channel took it, so alerts
 * raised while the collector is down are sent when it is back; notices queued while no collector was
 * configured are not sent to one configured later.
 */
import type { MonitorStore } from "../../store/monitor-store.js";
import type { AlertsFile } from "./alerts-file.js";
import { type SyslogIdentity, type SyslogSender, syslogMessage } from "./syslog.js";

export class Notifier {
  constructor(
    private readonly store: MonitorStore,
    private readonly file: AlertsFile,
    private readonly syslog: SyslogSender | null,
    private readonly identity: SyslogIdentity,
  ) {}

  /** Counts as delivered what the file already holds (written before a kill, not yet recorded). */
  reconcile(): void {
    const seq = this.file.lastSeq();
    if (seq > 0) this.store.delivered("file", seq);
  }

  /** Delivers what is pending; returns the syslog error, if the collector could not be reached. */
  async deliver(): Promise<Error | null> {
    const forFile = this.store.pendingNotices("file");
    if (forFile.length > 0) {
      this.file.append(forFile);
      this.store.delivered("file", forFile[forFile.length - 1].seq);
    }
    const forSyslog = this.store.pendingNotices("syslog");
    if (forSyslog.length === 0) return null;
    if (this.syslog === null) {
      this.store.delivered("syslog", forSyslog[forSyslog.length - 1].seq);
      return null;
    }
    for (const n of forSyslog) {
      try {
        await this.syslog.send([syslogMessage(n, this.identity)]);
      } catch (err) {
        return err as Error;
      }
      this.store.delivered("syslog", n.seq);
    }
    return null;
  }

  async close(): Promise<void> {
    await this.syslog?.close();
  }
}
