/// A CSV file (RFC 4180) read into rows whose fields are looked up by column name.
///
/// Accepts UTF-8 text with an optional byte-order mark, `\n` or `\r\n` line ends, quoted fields
/// with `""` escapes and embedded commas or line breaks. Fields are trimmed of surrounding spaces;
/// blank lines (such as a trailing empty line) are skipped. The first non-blank line is the header,
/// which must name exactly the expected columns, in any order.
///
/// ```swift
/// let table = try CSVTable("b,a\r\n2,\"x, y\"\r\n", columns: ["a", "b"])
/// table.rows[0]["a"]   // "x, y"
/// table.rows[0].line   // 2
/// ```
///
/// Every problem is collected (a missing, unknown or duplicate column; a row with the wrong number
/// of fields; a misplaced quote) and thrown together as ``ImportErrors``.
public struct CSVTable: Sendable {
  /// The column names in file order.
  public let header: [String]
  /// The data rows, in file order.
  public let rows: [Row]

  /// One data row and the physical line it starts on (the header is line 1).
  public struct Row: Sendable {
    public let line: Int
    /// The trimmed fields in file order.
    public let fields: [String]
    let indexes: [String: Int]

    /// The trimmed field of `column`, which must be one of the table's columns.
    public subscript(column: String) -> String {
      guard let index = indexes[column] else { preconditionFailure("CSV column \(column) was not expected") }
      return fields[index]
    }
  }

  /// Reads `text`, whose header must hold exactly `columns` (any order).
  public init(_ text: String, columns: [String]) throws(ImportErrors) {
    let (records, unclosedQuote) = CSVTable.records(of: text)
    guard let headerRecord = records.first else {
      throw ImportErrors([unclosedQuote ?? ImportError(line: 1, message: "文件为空，缺少表头")])
    }
    if let problem = headerRecord.problem {
      throw ImportErrors([ImportError(line: headerRecord.line, message: problem)])
    }
    let header = headerRecord.fields
    let indexes = try CSVTable.indexes(of: header, line: headerRecord.line, expected: columns)

    var errors = ImportErrors()
    var rows: [Row] = []
    rows.reserveCapacity(records.count - 1)
    for record in records.dropFirst() {
      if let problem = record.problem {
        errors.append(ImportError(line: record.line, message: problem))
      } else if record.fields.count != header.count {
        errors.append(ImportError(line: record.line, message: "应有\(header.count)个字段，实际有\(record.fields.count)个"))
      } else {
        rows.append(Row(line: record.line, fields: record.fields, indexes: indexes))
      }
    }
    if let unclosedQuote { errors.append(unclosedQuote) }
    guard errors.isEmpty else { throw errors }
    self.header = header
    self.rows = rows
  }

  /// Maps each expected column to its index in `header`; reports empty, unknown, duplicate and missing names.
  private static func indexes(of header: [String], line: Int, expected columns: [String]) throws(ImportErrors)
    -> [String: Int]
  {
    var errors = ImportErrors()
    var indexes: [String: Int] = [:]
    let expected = Set(columns)
    for (index, name) in header.enumerated() {
      if name.isEmpty {
        errors.append(ImportError(line: line, message: "表头第\(index + 1)列没有列名"))
      } else if !expected.contains(name) {
        let message = "不是本文件的列（应为：\(columns.joined(separator: "、"))）"
        errors.append(ImportError(line: line, column: name, message: message))
      } else if indexes[name] != nil {
        errors.append(ImportError(line: line, column: name, message: "列名重复"))
      } else {
        indexes[name] = index
      }
    }
    for name in columns where indexes[name] == nil {
      errors.append(ImportError(line: line, column: name, message: "缺少此列"))
    }
    guard errors.isEmpty else { throw errors }
    return indexes
  }

  /// A parsed record before the header is applied.
  private struct Record {
    var line: Int
    var fields: [String]
    /// A quoting problem that makes its fields unreliable.
    var problem: String?
  }

  /// Splits `text` into non-blank records; a quote still open at the end of the text is returned as an error.
  private static func records(of text: String) -> (records: [Record], unclosedQuote: ImportError?) {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var recordLine = 1
    var fieldIsQuoted = false  // the field began with a quote
    var insideQuotes = false
    var problem: String?

    func endField() {
      fields.append(trimmed(String(decoding: field, as: UTF8.self)))
      field.removeAll(keepingCapacity: true)
      fieldIsQuoted = false
    }
    func endRecord() {
      let wasQuoted = fieldIsQuoted
      endField()
      let isBlank = fields.count == 1 && fields[0].isEmpty && !wasQuoted
      if !isBlank { records.append(Record(line: recordLine, fields: fields, problem: problem)) }
      fields.removeAll(keepingCapacity: true)
      problem = nil
    }
    func report(_ message: String) {
      if problem == nil { problem = message }
    }

    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if insideQuotes {
        if byte == quote {
          if index < bytes.count, bytes[index] == quote {
            field.append(quote)
            index += 1
          } else {
            insideQuotes = false
          }
          continue
        }
        if byte == newline || (byte == carriageReturn && (index == bytes.count || bytes[index] != newline)) {
          line += 1
        }
        field.append(byte)
        continue
      }
      switch byte {
      case comma:
        endField()
      case newline, carriageReturn:
        if byte == carriageReturn, index < bytes.count, bytes[index] == newline { index += 1 }
        endRecord()
        line += 1
        recordLine = line
      case quote:
        if !fieldIsQuoted, field.allSatisfy({ $0 == space || $0 == tab }) {
          field.removeAll(keepingCapacity: true)
          fieldIsQuoted = true
          insideQuotes = true
        } else {
          report("第\(fields.count + 1)个字段中有未成对的引号（字段内的引号须写成两个\"\"并用引号括住整个字段）")
          field.append(byte)
        }
      default:
        if fieldIsQuoted {
          if byte != space, byte != tab { report("第\(fields.count + 1)个字段的右引号后还有字符") }
        } else {
          field.append(byte)
        }
      }
    }
    if insideQuotes {
      return (records, ImportError(line: recordLine, message: "第\(fields.count + 1)个字段的引号直到文件末尾都没有闭合"))
    }
    if !fields.isEmpty || !field.isEmpty || fieldIsQuoted { endRecord() }
    return (records, nil)
  }

  /// The text without surrounding spaces, tabs and ideographic spaces.
  static func trimmed(_ text: String) -> String {
    func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{3000}" }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isBlank($0) })!
    if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
    return String(scalars[first...last])
  }
}
