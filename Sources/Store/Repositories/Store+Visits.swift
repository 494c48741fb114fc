import Money
import Registry
import SQLKit

/// Sign-ins, visits and their fee lines.
extension Store {
  public func recordSignIn(number: String, institutionCode: String, operatorNumber: String?, time: String) async throws
  {
    try await database.write { sql in
      try await sql.raw(
        """
        INSERT INTO sign_ins (sign_no, fixmedins_code, opter_no, sign_time)
        VALUES (\(bind: number), \(bind: institutionCode), \(bind: operatorNumber), \(bind: time))
        """
      ).run()
    }
    references.withLock { $0.signIns[number] = institutionCode }
  }

  public func insertVisit(_ visit: Visit, messageID: String?) async throws {
    // One statement is its own transaction.
    try await database.write { sql in try await Store.insert(visit, messageID: messageID, sql) }
    visits.withLock { $0[visit.id] = visit }
  }

  static func insert(_ visit: Visit, messageID: String?, _ sql: any SQLDatabase) async throws {
    try await sql.raw(
      """
      INSERT INTO visits (mdtrt_id, psn_no, insutype, fixmedins_code, kind, med_type, begntime, endtime, dise_codg,
        dise_name, matn_type, ipt_otp_no, status, msgid)
      VALUES (\(bind: visit.id), \(bind: visit.personNumber), \(bind: visit.insuranceType),
        \(bind: visit.institutionCode), \(bind: visit.kind.rawValue), \(bind: visit.medicalType), \(bind: visit.begin),
        \(bind: visit.end), \(bind: visit.diseaseCode), \(bind: visit.diseaseName), \(bind: visit.maternityType),
        \(bind: visit.number), \(bind: visit.status.rawValue), \(bind: messageID))
      """
    ).run()
  }

  public func updateVisit(_ visit: Visit) async throws {
    try await database.write { sql in
      try await sql.raw(
        """
        UPDATE visits SET insutype = \(bind: visit.insuranceType), med_type = \(bind: visit.medicalType),
          begntime = \(bind: visit.begin), endtime = \(bind: visit.end), dise_codg = \(bind: visit.diseaseCode),
          dise_name = \(bind: visit.diseaseName), matn_type = \(bind: visit.maternityType),
          status = \(bind: visit.status.rawValue)
        WHERE mdtrt_id = \(bind: visit.id)
        """
      ).run()
    }
    visits.withLock { $0[visit.id] = visit }
  }

  public func visit(id: String) async throws -> Visit? {
    if let visit = visits.withLock({ $0[id] }) { return visit }
    return try await database.read { sql in
      guard let row = try await sql.raw("SELECT * FROM visits WHERE mdtrt_id = \(bind: id)").first() else { return nil }
      return Visit(
        id: try row.string("mdtrt_id"), personNumber: try row.string("psn_no"),
        insuranceType: try row.string("insutype"),
        institutionCode: try row.string("fixmedins_code"),
        kind: Visit.Kind(rawValue: try row.string("kind")) ?? .outpatient, medicalType: try row.string("med_type"),
        begin: try row.string("begntime"), end: try row.optionalString("endtime"),
        diseaseCode: try row.optionalString("dise_codg"), diseaseName: try row.optionalString("dise_name"),
        maternityType: try row.optionalString("matn_type"), number: try row.optionalString("ipt_otp_no"),
        status: Visit.Status(rawValue: try row.string("status")) ?? .open)
    }
  }

  /// Stores an upload's lines in one transaction; a serial already used on the visit refuses the whole upload.
  public func insertFeeLines(_ lines: [StoredFeeLine]) async throws {
    try await database.write { sql in try await Store.insert(lines, sql) }
  }

  static func insert(_ lines: [StoredFeeLine], _ sql: any SQLDatabase) async throws {
    guard !lines.isEmpty else { return }
    let values = lines.map { line -> [any Encodable & Sendable] in
      [
        line.visitID, line.serial, line.batch, line.itemCode, line.institutionItemCode, line.price.description,
        line.count.description, line.amount.fen, line.fullOwnPay.fen, line.overLimit.fen, line.preSelfPay.fen,
        line.inScope.fen, line.selfPayRatio.fourDecimals, line.refundOf, line.occurredAt, line.settlementID,
        nextLineNumber(),
      ]
    }
    // One multi-row statement per upload.
    try await sql.raw(
      """
      INSERT INTO fee_lines (mdtrt_id, feedetl_sn, chrg_bchno, med_list_codg, medins_list_codg, pric, cnt,
        det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt, selfpay_prop,
        init_feedetl_sn, fee_ocur_time, setl_id, line_no)
      VALUES \(rows(values))
      """
    ).run()
  }

  /// The visit's fee lines, in upload order; only those not yet settled when `unsettledOnly`.
  public func feeLines(visitID: String, unsettledOnly: Bool = false) async throws -> [StoredFeeLine] {
    try await database.read { sql in
      let filter: SQLQueryString = unsettledOnly ? " AND setl_id IS NULL" : ""
      return try await sql.raw("SELECT * FROM fee_lines WHERE mdtrt_id = \(bind: visitID)\(filter) ORDER BY line_no")
        .all().map(Store.feeLine(from:))
    }
  }

  /// Withdraws unsettled lines (2205 / 2302): a batch, or all when `batch` is nil or "0000".
  @discardableResult
  public func deleteUnsettledFeeLines(visitID: String, batch: String?, serials: [String] = []) async throws -> Int {
    try await database.transaction { sql in
      var query: SQLQueryString = "DELETE FROM fee_lines WHERE mdtrt_id = \(bind: visitID) AND setl_id IS NULL"
      if let batch, batch != "0000" { query = query + " AND chrg_bchno = \(bind: batch)" }
      if !serials.isEmpty { query = query + " AND feedetl_sn IN (\(binds: serials))" }
      let before = try await sql.raw("SELECT COUNT(*) AS n FROM fee_lines WHERE mdtrt_id = \(bind: visitID)").first()
      try await sql.raw(query).run()
      let after = try await sql.raw("SELECT COUNT(*) AS n FROM fee_lines WHERE mdtrt_id = \(bind: visitID)").first()
      return (try before?.int("n") ?? 0) - (try after?.int("n") ?? 0)
    }
  }

  static func feeLine(from row: any SQLRow) throws -> StoredFeeLine {
    StoredFeeLine(
      visitID: try row.string("mdtrt_id"), serial: try row.string("feedetl_sn"),
      batch: try row.optionalString("chrg_bchno"), itemCode: try row.string("med_list_codg"),
      institutionItemCode: try row.optionalString("medins_list_codg"),
      price: try ExactDecimal(try row.string("pric"), maxScale: 6),
      count: try ExactDecimal(try row.string("cnt"), maxScale: 4), amount: try row.money("det_item_fee_sumamt"),
      fullOwnPay: try row.money("fulamt_ownpay_amt"), overLimit: try row.money("overlmt_amt"),
      preSelfPay: try row.money("preselfpay_amt"), inScope: try row.money("inscp_scp_amt"),
      selfPayRatio: try Ratio(try row.string("selfpay_prop")), refundOf: try row.optionalString("init_feedetl_sn"),
      occurredAt: try row.optionalString("fee_ocur_time"), settlementID: try row.optionalString("setl_id"))
  }
}
