import Foundation
import SQLKit

/// Idempotency: the answer given to each (institution, msgid), returned again on a repeat.
extension Store {
  /// The stored answer of an earlier message, if any. Which recent messages have an answer
  /// is known in memory (``AnswerIndex``), so a new message costs no read; the answer itself
  /// is read from the database on a repeat, and so is any older message.
  public func storedAnswer(institutionCode: String, messageID: String) async throws -> StoredAnswer? {
    let key = institutionCode + "|" + messageID
    switch answers.withLock({ $0.lookup(key, now: Date()) }) {
    case .new: return nil
    case .kept, .unknown:
      let row = try await read { sql in
        try await sql.raw(
          """
          SELECT infno, response FROM messages
          WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)
          """
        ).first()
      }
      guard let row else { return nil }
      return StoredAnswer(transaction: try row.string("infno"), response: Array(try row.string("response").utf8))
    }
  }

  /// Loads the keys of the recent messages' answers.
  func loadAnswers() async throws {
    let rows = try await read { sql in
      try await sql.raw("SELECT fixmedins_code, msgid, infno FROM messages").all().map { row in
        (try row.string("fixmedins_code") + "|" + row.string("msgid"), try row.string("infno"))
      }
    }
    let now = Date()
    answers.withLock { index in
      for (key, transaction) in rows { index.add(key, transaction: transaction, now: now) }
    }
  }

  /// Drops the kept answer of a message undone by 冲正, so that it is not answered again.
  public func forgetAnswer(institutionCode: String, messageID: String) async throws {
    try await exclusive { sql in
      try await sql.raw(
        "DELETE FROM messages WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)"
      ).run()
    }
    let key = institutionCode + "|" + messageID
    if let held = UnitOfWork.current?.held {
      held.forgottenAnswers.withLock { $0.append(key) }
    } else {
      answers.withLock { $0.remove(key) }
    }
  }

  /// The settlement (or cancellation) a message made, found by its msgid.
  public func settlement(institutionCode: String, messageID: String) async throws -> SettlementRecord? {
    try await read { sql in
      guard
        let row = try await sql.raw(
          """
          SELECT * FROM settlements WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)
          ORDER BY reversed, CAST(setl_id AS BIGINT) DESC
          """
        ).first()
      else { return nil }
      return try await Store.record(from: row, sql)
    }
  }

  /// The visit a message registered (2201 / 2401), found by its msgid.
  public func visitID(institutionCode: String, messageID: String) async throws -> String? {
    try await read { sql in
      try await sql.raw(
        "SELECT mdtrt_id FROM visits WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)"
      ).first()?.string("mdtrt_id")
    }
  }
}

/// An answer already given.
public struct StoredAnswer: Sendable {
  public let transaction: String
  public let response: [UInt8]
}
