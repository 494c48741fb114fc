import Money
import SQLKit
import Settlement

/// 冲正: undoing a settlement or a cancellation whose answer the sender never got, as
/// if it had never happened. The ledger stays append-only: the undone record's entries are
/// negated under its own id, so it nets to zero, and it is marked `reversed`.
extension Store {
  public func reverse(settlementID: String) async throws {
    try await exclusive { sql in
      guard let record = try await Store.settlement(sql, id: settlementID) else {
        throw StoreError.notFound("结算ID“\(settlementID)”不存在")
      }
      guard !(try await Store.isReversed(sql, settlementID)) else {
        throw StoreError.conflict("结算\(settlementID)已冲正")
      }
      if let original = record.cancels {
        // Undo a cancellation: the original's lines must still be free.
        let lines = try await sql.raw(
          "SELECT feedetl_sn FROM settlement_lines WHERE setl_id = \(bind: original)"
        ).all().map { try $0.string("feedetl_sn") }
        let taken = try await sql.raw(
          """
          SELECT COUNT(*) AS n FROM fee_lines f
          WHERE f.mdtrt_id = \(bind: record.visitID) AND f.feedetl_sn IN (\(binds: lines))
          AND EXISTS (\(unsafeRaw: Store.holdingSettlement(of: "f")))
          """
        ).first()?.int("n")
        guard taken == 0 else {
          throw StoreError.conflict("原结算\(original)的费用明细已被重新结算，不能冲正撤销")
        }
        // Its lines are held by the original again once it is no longer cancelled.
        try await sql.raw("UPDATE settlements SET cancelled_by = NULL WHERE setl_id = \(bind: original)").run()
      } else {
        guard record.cancelledBy == nil else {
          throw StoreError.conflict("结算\(settlementID)已撤销，不能冲正")
        }
      }
      let entries = try await Store.ledgerEntries(sql, settlementID: settlementID)
      try await WriteSet(
        ledger: entries.map {
          LedgerRow(personNumber: record.personNumber, change: $0.mirrored, settlementID: settlementID)
        }
      ).write(sql)
      try await sql.raw("UPDATE settlements SET reversed = 1 WHERE setl_id = \(bind: settlementID)").run()
    }
  }

  static func isReversed(_ sql: any SQLDatabase, _ settlementID: String) async throws -> Bool {
    try await sql.raw("SELECT reversed FROM settlements WHERE setl_id = \(bind: settlementID)").first()?.int("reversed")
      == 1
  }
}
