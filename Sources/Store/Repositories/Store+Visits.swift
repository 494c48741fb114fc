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

  /// Registers a visit (2201 / 2401): it has no fee lines yet.
  public func insertVisit(_ visit: Visit, messageID: String?) async throws {
    try await change { state in
      state.visits[visit.id] = visit
      state.keep([], of: visit.id)
      return ((), WriteSet(visits: [(visit, messageID)]))
    }
  }

  /// Replaces `previous`, the visit as the caller read it: if another request changed it
  /// meanwhile (a 2202 cancelling while a 2203 updates), nothing is stored.
  public func updateVisit(_ visit: Visit, from previous: Visit) async throws {
    try await change(visits: [visit.id]) { state in
      guard state.visits[visit.id] == previous else {
        throw StoreError.conflict("就诊\(visit.id)已被另一交易变更，请重新办理")
      }
      state.visits[visit.id] = visit
      return ((), WriteSet(visits: [(visit, nil)]))
    }
  }

  public func visit(id: String) async throws -> Visit? {
    // A request holding a transaction reads through it, and keeps nothing uncommitted in the cache.
    let holding = UnitOfWork.current?.held != nil
    let (cached, generation) = live.withLock { ($0.visits[id], $0.generation) }
    if let cached, !holding { return cached }
    let visit = try await read { sql in try await Store.visit(sql, id: id) }
    guard let visit, !holding else { return visit }
    // A change queued meanwhile wins over what was read.
    return live.withLock { state in
      guard state.generation == generation else { return visit }
      if let newer = state.visits[id] { return newer }
      state.visits[id] = visit
      return visit
    }
  }

  static func visit(_ sql: any SQLDatabase, id: String) async throws -> Visit? {
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

  /// Stores an upload's lines (all of one visit). `existing` are the visit's lines the upload
  /// was checked against (serials, refunds): if they have changed since, or a serial is used
  /// already, nothing is stored.
  public func insertFeeLines(_ lines: [StoredFeeLine], checkedAgainst existing: [StoredFeeLine]) async throws {
    guard let visitID = lines.first?.visitID else { return }
    try await change(visitLines: [visitID]) { state in
      let current = state.feeLines[visitID, default: []]
      guard current == existing else {
        throw StoreError.conflict("就诊\(visitID)的费用明细在上传时已变更，请重新上传")
      }
      var used = Set(current.map(\.serial))
      for line in lines where !used.insert(line.serial).inserted {
        throw StoreError.conflict("费用明细流水号feedetl_sn“\(line.serial)”在就诊\(visitID)中已上传")
      }
      state.keep(current + lines, of: visitID)
      return ((), WriteSet(feeLines: lines))
    }
  }

  /// The visit's fee lines, in upload order; only those not yet settled when `unsettledOnly`.
  public func feeLines(visitID: String, unsettledOnly: Bool = false) async throws -> [StoredFeeLine] {
    let lines =
      if UnitOfWork.current?.held == nil, let cached = live.withLock({ $0.feeLines[visitID] }) {
        cached
      } else {
        try await read { sql in try await Store.storedFeeLines(sql, visitID: visitID) }
      }
    return unsettledOnly ? lines.filter { $0.settlementID == nil } : lines
  }

  static func storedFeeLines(_ sql: any SQLDatabase, visitID: String) async throws -> [StoredFeeLine] {
    try await sql.raw(
      """
      SELECT f.*, (\(unsafeRaw: holdingSettlement(of: "f"))) AS setl_id FROM fee_lines f
      WHERE f.mdtrt_id = \(bind: visitID) ORDER BY f.line_no
      """
    ).all().map(Store.feeLine(from:))
  }

  /// The settlement that holds a fee line now (占用该明细的结算): the one of its
  /// `settlement_lines` rows whose settlement is neither cancelled nor reversed. A
  /// cancellation frees its lines, and the 冲正 of that cancellation gives them back, by the
  /// settlements' own marks: the lines themselves are written once, at upload. `line` names
  /// the outer query's `fee_lines` row.
  static func holdingSettlement(of line: String) -> String {
    """
    SELECT hs.setl_id FROM settlement_lines hl JOIN settlements hs ON hs.setl_id = hl.setl_id
    WHERE hs.mdtrt_id = \(line).mdtrt_id AND hl.feedetl_sn = \(line).feedetl_sn AND hs.cancelled_by IS NULL
    AND hs.reversed = 0
    """
  }

  /// Withdraws unsettled lines (2205 / 2302): a batch, or all when `batch` is nil or "0000".
  @discardableResult
  public func deleteUnsettledFeeLines(visitID: String, batch: String?, serials: [String] = []) async throws -> Int {
    try await exclusive { sql in
      var query: SQLQueryString = """
        DELETE FROM fee_lines WHERE mdtrt_id = \(bind: visitID)
        AND NOT EXISTS (\(unsafeRaw: Store.holdingSettlement(of: "fee_lines")))
        """
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
