import Registry
import Testing

/// The problems `body` throws; records an issue when it does not throw.
func importErrors<Value>(
  _ body: () throws(ImportErrors) -> Value, sourceLocation: SourceLocation = #_sourceLocation
) -> [ImportError] {
  do {
    _ = try body()
    Issue.record("expected the import to fail", sourceLocation: sourceLocation)
    return []
  } catch {
    return error.errors
  }
}

/// A CSV text with `columns` as header and one line per row (missing values empty), quoting where needed.
func makeCSV(_ columns: [String], _ rows: [[String: String]], lineEnd: String = "\n") -> String {
  func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return text
    }
    return "\"" + text.replacing("\"", with: "\"\"") + "\""
  }
  let lines =
    [columns.joined(separator: ",")] + rows.map { row in columns.map { field(row[$0] ?? "") }.joined(separator: ",") }
  return lines.joined(separator: lineEnd) + lineEnd
}

/// `row` with `column` set to `value`.
func replacing(_ row: [String: String], _ column: String, with value: String) -> [String: String] {
  var row = row
  row[column] = value
  return row
}

/// A bad field value and the problem it must produce.
struct BadValue: Sendable, CustomTestStringConvertible {
  let column: String
  let value: String
  let message: String

  init(_ column: String, _ value: String, _ message: String) {
    self.column = column
    self.value = value
    self.message = message
  }

  var testDescription: String { "\(column)=“\(value)”" }

  /// The expected problem when this value is on `line`: an empty value is reported without a value.
  func error(line: Int) -> ImportError {
    ImportError(line: line, column: column, value: value.isEmpty ? nil : value, message: message)
  }
}
