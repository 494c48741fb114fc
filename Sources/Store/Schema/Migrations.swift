import Foundation
import SQLKit

/// The schema as ordered migrations, applied once each at start-up.
///
/// A migration is never edited after release: a change is a new migration appended here.
public enum Migrations {
  /// `(id, statements, engine)` in order; a migration with an engine applies on that one only
  /// (and is recorded as applied on the other).
  static let all: [(id: String, statements: [String], engine: Database.Kind?)] = [
    (
      "0001_reference_data",
      [
        """
        CREATE TABLE institutions (
          fixmedins_code TEXT PRIMARY KEY, fixmedins_name TEXT NOT NULL, fixmedins_type TEXT NOT NULL,
          hosp_lv INTEGER NOT NULL, admdvs TEXT NOT NULL, dialysis_partner INTEGER NOT NULL)
        """,
        """
        CREATE TABLE catalog_items (
          med_list_codg TEXT NOT NULL, begndate TEXT NOT NULL, enddate TEXT, med_list_name TEXT NOT NULL,
          list_type TEXT NOT NULL, chrgitm_lv TEXT NOT NULL, med_chrgitm_type TEXT NOT NULL,
          selfpay_prop TEXT NOT NULL, pric_uplmt_amt BIGINT, nego_flag INTEGER NOT NULL,
          special_flag INTEGER NOT NULL, PRIMARY KEY (med_list_codg, begndate))
        """,
        """
        CREATE TABLE persons (
          psn_no TEXT PRIMARY KEY, psn_cert_type TEXT NOT NULL, certno TEXT NOT NULL, psn_name TEXT NOT NULL,
          gend TEXT NOT NULL, brdy TEXT NOT NULL, admdvs TEXT NOT NULL)
        """,
        "CREATE INDEX persons_certno ON persons (certno)",
        """
        CREATE TABLE insurances (
          psn_no TEXT NOT NULL REFERENCES persons (psn_no), insutype TEXT NOT NULL, psn_type TEXT NOT NULL,
          psn_insu_date TEXT NOT NULL, cont_years INTEGER NOT NULL, acct_balc BIGINT NOT NULL,
          PRIMARY KEY (psn_no, insutype))
        """,
        """
        CREATE TABLE identities (
          psn_no TEXT NOT NULL REFERENCES persons (psn_no), psn_idet_type TEXT NOT NULL, begndate TEXT NOT NULL,
          enddate TEXT)
        """,
        "CREATE INDEX identities_psn ON identities (psn_no)",
        """
        CREATE TABLE qualifications (
          psn_no TEXT NOT NULL REFERENCES persons (psn_no), dise_codg TEXT NOT NULL, begndate TEXT NOT NULL,
          enddate TEXT, fixmedins_code TEXT, course_no TEXT, insulin_flag INTEGER NOT NULL)
        """,
        "CREATE INDEX qualifications_psn ON qualifications (psn_no)",
      ],
      nil
    ),
    (
      "0002_visits_and_settlements",
      [
        """
        CREATE TABLE sign_ins (
          sign_no TEXT PRIMARY KEY, fixmedins_code TEXT NOT NULL, opter_no TEXT, sign_time TEXT NOT NULL)
        """,
        """
        CREATE TABLE visits (
          mdtrt_id TEXT PRIMARY KEY, psn_no TEXT NOT NULL REFERENCES persons (psn_no), insutype TEXT NOT NULL,
          fixmedins_code TEXT NOT NULL REFERENCES institutions (fixmedins_code), kind TEXT NOT NULL,
          med_type TEXT NOT NULL, begntime TEXT NOT NULL, endtime TEXT, dise_codg TEXT, dise_name TEXT,
          matn_type TEXT, ipt_otp_no TEXT, status TEXT NOT NULL, msgid TEXT)
        """,
        "CREATE INDEX visits_psn ON visits (psn_no)",
        """
        CREATE TABLE fee_lines (
          mdtrt_id TEXT NOT NULL REFERENCES visits (mdtrt_id), feedetl_sn TEXT NOT NULL, chrg_bchno TEXT,
          med_list_codg TEXT NOT NULL, medins_list_codg TEXT, pric TEXT NOT NULL, cnt TEXT NOT NULL,
          det_item_fee_sumamt BIGINT NOT NULL, fulamt_ownpay_amt BIGINT NOT NULL, overlmt_amt BIGINT NOT NULL,
          preselfpay_amt BIGINT NOT NULL, inscp_scp_amt BIGINT NOT NULL, selfpay_prop TEXT NOT NULL,
          init_feedetl_sn TEXT, fee_ocur_time TEXT, setl_id TEXT, line_no BIGINT NOT NULL,
          PRIMARY KEY (mdtrt_id, feedetl_sn))
        """,
        """
        CREATE TABLE settlements (
          setl_id TEXT PRIMARY KEY, mdtrt_id TEXT NOT NULL REFERENCES visits (mdtrt_id),
          psn_no TEXT NOT NULL, fixmedins_code TEXT NOT NULL, insutype TEXT NOT NULL, med_type TEXT NOT NULL,
          clr_type TEXT NOT NULL, setl_time TEXT NOT NULL, service_date TEXT NOT NULL, version TEXT NOT NULL,
          regime TEXT NOT NULL, medfee_sumamt BIGINT NOT NULL, fulamt_ownpay_amt BIGINT NOT NULL,
          overlmt_selfpay BIGINT NOT NULL, preselfpay_amt BIGINT NOT NULL, inscp_scp_amt BIGINT NOT NULL,
          act_pay_dedc BIGINT NOT NULL, pool_prop_selfpay TEXT NOT NULL, hifp_pay BIGINT NOT NULL,
          hifmi_pay BIGINT NOT NULL, hifob_pay BIGINT NOT NULL, maf_pay BIGINT NOT NULL,
          fund_pay_sumamt BIGINT NOT NULL, acct_pay BIGINT NOT NULL, psn_cash_pay BIGINT NOT NULL,
          balc BIGINT NOT NULL, msgid TEXT, cancels_setl_id TEXT, cancelled_by TEXT)
        """,
        "CREATE INDEX settlements_visit ON settlements (mdtrt_id)",
        "CREATE INDEX settlements_psn ON settlements (psn_no)",
        "CREATE INDEX settlements_institution ON settlements (fixmedins_code, setl_time)",
        """
        CREATE TABLE settlement_funds (
          setl_id TEXT NOT NULL REFERENCES settlements (setl_id), seq INTEGER NOT NULL, fund_pay_type TEXT NOT NULL,
          fund_pay_type_name TEXT NOT NULL, inscp_scp_amt BIGINT NOT NULL, fund_payamt BIGINT NOT NULL,
          crt_payb_lmt_amt BIGINT, setl_proc_info TEXT NOT NULL, PRIMARY KEY (setl_id, seq))
        """,
        """
        CREATE TABLE ledger (
          entry_id {SERIAL_KEY}, psn_no TEXT NOT NULL, counter TEXT NOT NULL, period TEXT NOT NULL,
          delta BIGINT NOT NULL, setl_id TEXT NOT NULL REFERENCES settlements (setl_id))
        """,
        "CREATE INDEX ledger_psn ON ledger (psn_no)",
      ],
      nil
    ),
    (
      "0003_integrity",
      [
        // Idempotency: the answer given to each (institution, msgid).
        """
        CREATE TABLE messages (
          fixmedins_code TEXT NOT NULL, msgid TEXT NOT NULL, infno TEXT NOT NULL, infcode INTEGER NOT NULL,
          response TEXT NOT NULL, PRIMARY KEY (fixmedins_code, msgid))
        """,
        // Which fee lines a settlement settled, kept after a cancellation frees them.
        """
        CREATE TABLE settlement_lines (
          setl_id TEXT NOT NULL REFERENCES settlements (setl_id), feedetl_sn TEXT NOT NULL,
          PRIMARY KEY (setl_id, feedetl_sn))
        """,
        // The running totals of the ledger, kept in the same transaction; `yibao verify` checks them.
        """
        CREATE TABLE accumulators (
          psn_no TEXT NOT NULL, counter TEXT NOT NULL, period TEXT NOT NULL, total BIGINT NOT NULL,
          PRIMARY KEY (psn_no, counter, period))
        """,
        "INSERT INTO accumulators (psn_no, counter, period, total) SELECT psn_no, counter, period, CAST(SUM(delta) AS BIGINT) FROM ledger GROUP BY psn_no, counter, period",
        "CREATE INDEX settlements_msgid ON settlements (fixmedins_code, msgid)",
        "CREATE INDEX ledger_setl ON ledger (setl_id)",
        "ALTER TABLE institutions ADD COLUMN secret TEXT",
        "ALTER TABLE settlements ADD COLUMN reversed INTEGER NOT NULL DEFAULT 0",
      ],
      nil
    ),
    (
      "0004_unused_indexes",
      [
        // No query looks visits or ledger entries up by person (accumulators have their own
        // table), yet every registration and settlement wrote a random page of these two.
        "DROP INDEX visits_psn",
        "DROP INDEX ledger_psn",
      ],
      nil
    ),
    (
      "0005_lines_held_by_settlements",
      [
        // Which settlement holds a fee line now follows from `settlement_lines` and the
        // settlements' own cancelled and reversed marks, so a settlement no longer rewrites
        // the lines it settles. Lines settled before `settlement_lines` existed get their row.
        """
        INSERT INTO settlement_lines (setl_id, feedetl_sn)
        SELECT setl_id, feedetl_sn FROM fee_lines WHERE setl_id IS NOT NULL
        ON CONFLICT (setl_id, feedetl_sn) DO NOTHING
        """,
        "ALTER TABLE fee_lines DROP COLUMN setl_id",
      ],
      nil
    ),
    (
      "0006_sqlite_clustered_tables",
      // On SQLite a table with a text primary key is two B-trees, the rows and the key. These
      // four are only ever reached by their key, so they become one B-tree each: every batch
      // that writes fee lines, funds, settled lines and running totals writes four fewer
      // pages. PostgreSQL stores tables otherwise and needs nothing.
      clustered(
        "fee_lines",
        """
        mdtrt_id TEXT NOT NULL REFERENCES visits (mdtrt_id), feedetl_sn TEXT NOT NULL, chrg_bchno TEXT,
        med_list_codg TEXT NOT NULL, medins_list_codg TEXT, pric TEXT NOT NULL, cnt TEXT NOT NULL,
        det_item_fee_sumamt BIGINT NOT NULL, fulamt_ownpay_amt BIGINT NOT NULL, overlmt_amt BIGINT NOT NULL,
        preselfpay_amt BIGINT NOT NULL, inscp_scp_amt BIGINT NOT NULL, selfpay_prop TEXT NOT NULL,
        init_feedetl_sn TEXT, fee_ocur_time TEXT, line_no BIGINT NOT NULL,
        PRIMARY KEY (mdtrt_id, feedetl_sn)
        """,
        columns: "mdtrt_id, feedetl_sn, chrg_bchno, med_list_codg, medins_list_codg, pric, cnt, det_item_fee_sumamt, "
          + "fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt, selfpay_prop, init_feedetl_sn, "
          + "fee_ocur_time, line_no")
        + clustered(
          "settlement_funds",
          """
          setl_id TEXT NOT NULL REFERENCES settlements (setl_id), seq INTEGER NOT NULL, fund_pay_type TEXT NOT NULL,
          fund_pay_type_name TEXT NOT NULL, inscp_scp_amt BIGINT NOT NULL, fund_payamt BIGINT NOT NULL,
          crt_payb_lmt_amt BIGINT, setl_proc_info TEXT NOT NULL, PRIMARY KEY (setl_id, seq)
          """,
          columns: "setl_id, seq, fund_pay_type, fund_pay_type_name, inscp_scp_amt, fund_payamt, crt_payb_lmt_amt, "
            + "setl_proc_info")
        + clustered(
          "settlement_lines",
          """
          setl_id TEXT NOT NULL REFERENCES settlements (setl_id), feedetl_sn TEXT NOT NULL,
          PRIMARY KEY (setl_id, feedetl_sn)
          """,
          columns: "setl_id, feedetl_sn")
        + clustered(
          "accumulators",
          """
          psn_no TEXT NOT NULL, counter TEXT NOT NULL, period TEXT NOT NULL, total BIGINT NOT NULL,
          PRIMARY KEY (psn_no, counter, period)
          """,
          columns: "psn_no, counter, period, total"),
      .sqlite
    ),
  ]

  /// Rebuilds `table` as a SQLite `WITHOUT ROWID` table (its rows kept in its primary key's
  /// B-tree), copying its rows. Only for tables that no other table references.
  static func clustered(_ table: String, _ definition: String, columns: String) -> [String] {
    [
      "CREATE TABLE \(table)_clustered (\(definition)) WITHOUT ROWID",
      "INSERT INTO \(table)_clustered (\(columns)) SELECT \(columns) FROM \(table)",
      "DROP TABLE \(table)",
      "ALTER TABLE \(table)_clustered RENAME TO \(table)",
    ]
  }

  /// Applies every migration not yet applied, each in its own transaction.
  public static func apply(to database: Database) async throws { try await apply(all[...], to: database) }

  /// Applies those of `migrations` not yet applied (a test brings a database up to an older schema).
  static func apply(
    _ migrations: ArraySlice<(id: String, statements: [String], engine: Database.Kind?)>, to database: Database
  ) async throws {
    try await database.write { sql in
      try await sql.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY)").run()
    }
    let applied = try await database.read { sql in
      try await sql.raw("SELECT id FROM schema_migrations").all().map { try $0.decode(column: "id", as: String.self) }
    }
    for migration in migrations where !applied.contains(migration.id) {
      try await database.transaction { sql in
        // The one column type the two engines spell differently: an auto-numbered key.
        let serialKey = database.kind == .sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY"
        for statement in migration.statements where migration.engine.map({ $0 == database.kind }) ?? true {
          try await sql.raw(SQLQueryString(statement.replacingOccurrences(of: "{SERIAL_KEY}", with: serialKey))).run()
        }
        try await sql.raw("INSERT INTO schema_migrations (id) VALUES (\(bind: migration.id))").run()
      }
    }
  }
}
