import Foundation
import SQLKit
import Testing

@testable import Store

/// A database made before the lines held by settlements (0005) and the clustered tables
/// (0006) keeps every row and its foreign keys once brought up to date, and each settled line
/// is still held by its settlement. SQLite only: on PostgreSQL 0006 changes nothing.
struct MigrationTests {
  @Test func anOlderDatabaseKeepsItsRowsInTheClusteredTables() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("yibao-migration-\(UUID()).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    let database = try await Database.open(path)
    let before = Migrations.all.prefix { $0.id != "0005_lines_held_by_settlements" }
    #expect(before.count == Migrations.all.count - 2)
    try await Migrations.apply(before, to: database)
    try await database.transaction { sql in
      for statement in [
        "INSERT INTO institutions VALUES ('H1', '医院', '1', 2, '370402', 0, NULL)",
        "INSERT INTO persons VALUES ('P1', '01', '370402198503123681', '张三', '1', '1985-03-12', '370402')",
        """
        INSERT INTO visits (mdtrt_id, psn_no, insutype, fixmedins_code, kind, med_type, begntime, status)
        VALUES ('300000001', 'P1', '390', 'H1', 'outpatient', '11', '2021-05-10 09:30:00', 'settled')
        """,
        """
        INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, clr_type, setl_time,
          service_date, version, regime, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt,
          inscp_scp_amt, act_pay_dedc, pool_prop_selfpay, hifp_pay, hifmi_pay, hifob_pay, maf_pay, fund_pay_sumamt,
          acct_pay, psn_cash_pay, balc)
        VALUES ('400000001', '300000001', 'P1', 'H1', '390', '11', '11', '2021-05-10 10:00:00', '2021-05-10',
          'V2021', 'general_outpatient', 1960, 0, 0, 0, 1960, 0, '0.5000', 980, 0, 0, 0, 980, 0, 980, 0)
        """,
        """
        INSERT INTO fee_lines VALUES ('300000001', '1', NULL, 'XJ01', NULL, '9.80', '2', 1960, 0, 0, 0, 1960,
          '0.0000', NULL, NULL, '400000001', 1)
        """,
        // Settled before settlement_lines existed: only the line itself says so.
        """
        INSERT INTO fee_lines VALUES ('300000001', '2', NULL, 'XJ02', NULL, '5.00', '1', 500, 500, 0, 0, 0,
          '1.0000', NULL, NULL, '400000001', 2)
        """,
        // Never settled.
        """
        INSERT INTO fee_lines VALUES ('300000001', '3', NULL, 'XJ03', NULL, '1.00', '1', 100, 0, 0, 0, 100,
          '0.0000', NULL, NULL, NULL, 3)
        """,
        "INSERT INTO settlement_funds VALUES ('400000001', 0, '390100', '统筹', 1960, 980, NULL, '普通门诊')",
        "INSERT INTO settlement_lines VALUES ('400000001', '1')",
        "INSERT INTO accumulators VALUES ('P1', 'outpatient', '2021', 980)",
      ] {
        try await sql.raw(SQLQueryString(statement)).run()
      }
    }

    try await Migrations.apply(to: database)

    let (tables, rows) = try await database.read { sql in
      let tables = try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all().reduce(
        into: [String: String]()
      ) { $0[try $1.decode(column: "name", as: String.self)] = try $1.decode(column: "sql", as: String.self) }
      let rows = [
        try await Store.storedFeeLines(sql, visitID: "300000001").map {
          "\($0.serial) \($0.settlementID ?? "free") \($0.amount.fen)"
        },
        try await sql.raw("SELECT fund_payamt, setl_proc_info FROM settlement_funds").all().map {
          "\(try $0.decode(column: "fund_payamt", as: Int.self)) \(try $0.decode(column: "setl_proc_info", as: String.self))"
        },
        try await sql.raw("SELECT feedetl_sn FROM settlement_lines ORDER BY feedetl_sn").all().map {
          try $0.decode(column: "feedetl_sn", as: String.self)
        },
        try await sql.raw("SELECT counter, total FROM accumulators").all().map {
          "\(try $0.decode(column: "counter", as: String.self)) \(try $0.decode(column: "total", as: Int.self))"
        },
      ]
      return (tables, rows)
    }
    for table in ["fee_lines", "settlement_funds", "settlement_lines", "accumulators"] {
      #expect(tables[table]?.hasSuffix("WITHOUT ROWID") == true, "\(table): \(tables[table] ?? "missing")")
      #expect(tables[table + "_clustered"] == nil)
    }
    #expect(tables["visits"]?.contains("WITHOUT ROWID") == false, "a referenced table stays as it was")
    #expect(
      rows == [
        ["1 400000001 1960", "2 400000001 500", "3 free 100"], ["980 普通门诊"], ["1", "2"], ["outpatient 980"],
      ])
    #expect(tables["fee_lines"]?.contains("setl_id") == false, "the line no longer names its settlement")
    // The rebuilt tables still refuse a line of a visit that does not exist.
    await #expect(throws: (any Error).self) {
      try await database.write { sql in
        try await sql.raw(
          """
          INSERT INTO fee_lines VALUES ('399999999', '1', NULL, 'XJ01', NULL, '9.80', '2', 1960, 0, 0, 0, 1960,
            '0.0000', NULL, NULL, 4)
          """
        ).run()
      }
    }
    try await database.close()
  }
}
