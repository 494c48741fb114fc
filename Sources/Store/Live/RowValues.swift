import SQLKit

/// One value of a row that the group commit writes (批量写入的值).
enum RowValue: Sendable {
  case integer(Int64)
  case text(String)
  case null
}

/// What a column of a batch row may hold: text, a whole number, or nothing.
protocol RowValueConvertible: Sendable {
  var rowValue: RowValue { get }
}

extension String: RowValueConvertible {
  var rowValue: RowValue { .text(self) }
}

extension Int64: RowValueConvertible {
  var rowValue: RowValue { .integer(self) }
}

extension Int: RowValueConvertible {
  var rowValue: RowValue { .integer(Int64(self)) }
}

extension Optional: RowValueConvertible where Wrapped: RowValueConvertible {
  var rowValue: RowValue { self?.rowValue ?? .null }
}

/// `(?, 1250, NULL), (?, 980, ?)`: the rows of a multi-row statement, written in one pass.
///
/// Whole numbers go into the statement as literals (digits and a sign cannot change its
/// meaning) and nothing as `NULL`; only text is bound. A batch holds a few hundred values,
/// and binding each one through `Encodable` cost more than the database's own work on it.
///
/// ```swift
/// let rows = RowValues([["300000001", Int64(1250), nil as String?]])
/// try await sql.raw("INSERT INTO t (a, b, c) VALUES \(rows)").run()
/// ```
struct RowValues: SQLExpression {
  let width: Int
  let values: [RowValue]

  /// Rows of equal width.
  init(_ rows: some Collection<[any RowValueConvertible]>) {
    width = rows.first?.count ?? 0
    var values: [RowValue] = []
    values.reserveCapacity(width * rows.count)
    for row in rows {
      precondition(row.count == width, "every row of a batch statement has the same columns")
      for value in row { values.append(value.rowValue) }
    }
    self.values = values
  }

  func serialize(to serializer: inout SQLSerializer) {
    for (index, value) in values.enumerated() {
      if index.isMultiple(of: width) {
        serializer.write(index == 0 ? "(" : "), (")
      } else {
        serializer.write(", ")
      }
      switch value {
      case .integer(let number): serializer.write(String(number))
      case .text(let text): serializer.write(bind: text)
      case .null: serializer.write("NULL")
      }
    }
    if !values.isEmpty { serializer.write(")") }
  }
}
