import Money

/// Reads and checks the fields of one CSV row, collecting a problem per bad field.
///
/// Each accessor returns nil when the field is bad (and records why); a row is usable only when
/// ``problems`` stays empty, which ``ReferenceImport`` checks after the row's closure has run.
///
/// ```swift
/// var reader = FieldReader(row)
/// let level = reader.choice("hosp_lv", ["0": 0, "1": 1, "2": 2, "3": 3], "医院等级必须是0-3")
/// reader.problems  // [第12行 hosp_lv=“5”：医院等级必须是0-3] for a bad row
/// ```
struct FieldReader {
  let row: CSVTable.Row
  private(set) var problems: [ImportError] = []

  init(_ row: CSVTable.Row) { self.row = row }

  var line: Int { row.line }

  /// Records a problem with `column`, showing `value` (nil: the field is empty or not the point).
  mutating func fail(_ column: String, _ value: String?, _ message: String) {
    problems.append(ImportError(line: row.line, column: column, value: value, message: message))
  }

  /// The field, which must not be empty.
  mutating func required(_ column: String) -> String? {
    let text = row[column]
    guard !text.isEmpty else {
      fail(column, nil, "不能为空")
      return nil
    }
    return text
  }

  /// The field, or nil when it is empty.
  func optional(_ column: String) -> String? {
    let text = row[column]
    return text.isEmpty ? nil : text
  }

  /// The required field, which must satisfy `isValid`.
  mutating func checked(_ column: String, _ message: String, _ isValid: (String) -> Bool) -> String? {
    guard let text = required(column) else { return nil }
    guard isValid(text) else {
      fail(column, text, message)
      return nil
    }
    return text
  }

  /// The required field made of exactly `count` ASCII digits.
  mutating func digits(_ column: String, count: Int, _ message: String) -> String? {
    checked(column, message) { FieldReader.isDigits($0, count: count) }
  }

  /// The value the required field maps to in `choices`.
  mutating func choice<Value>(_ column: String, _ choices: [String: Value], _ message: String) -> Value? {
    guard let text = required(column) else { return nil }
    guard let value = choices[text] else {
      fail(column, text, message)
      return nil
    }
    return value
  }

  /// A `0|1` flag.
  mutating func flag(_ column: String) -> Bool? {
    choice(column, ["0": false, "1": true], "必须是0或1")
  }

  /// A required `yyyy-MM-dd` date.
  mutating func day(_ column: String) -> Day? {
    guard let text = required(column) else { return nil }
    return parseDay(column, text)
  }

  /// `begin`–`end` as a validity period; an empty end is open, an end before the begin is an error.
  mutating func validity(begin beginColumn: String = "begndate", end endColumn: String = "enddate") -> DateRange? {
    let begin = day(beginColumn)
    let endText = optional(endColumn)
    let end = endText.flatMap { parseDay(endColumn, $0) }
    guard let begin, endText == nil || end != nil else { return nil }
    if let end, end < begin {
      fail(endColumn, endText, "结束日期早于开始日期\(begin)")
      return nil
    }
    return DateRange(begin: begin, end: end)
  }

  /// A required non-negative whole number of at most `maxDigits` digits.
  mutating func count(_ column: String, maxDigits: Int, _ message: String) -> Int? {
    guard let text = checked(column, message, { FieldReader.isDigits($0) && $0.utf8.count <= maxDigits }) else {
      return nil
    }
    return Int(text)
  }

  /// An amount of yuan with at most two decimals, written without a sign, checked by `isValid`.
  /// An empty field is an error when `isRequired`, else nil without a problem.
  mutating func money(
    _ column: String, required isRequired: Bool = true, _ message: String, _ isValid: (Money) -> Bool = { _ in true }
  ) -> Money? {
    let text: String
    if isRequired {
      guard let value = required(column) else { return nil }
      text = value
    } else {
      guard let value = optional(column) else { return nil }
      text = value
    }
    guard FieldReader.isPlainDecimal(text), let money = try? Money(yuan: text), isValid(money) else {
      fail(column, text, message)
      return nil
    }
    return money
  }

  /// A ratio written as a plain decimal fraction between 0 and 1 with at most `maxDecimals` decimals.
  mutating func fraction(_ column: String, maxDecimals: Int, _ message: String) -> Ratio? {
    guard let text = required(column) else { return nil }
    guard FieldReader.isPlainDecimal(text), let number = try? ExactDecimal(text, maxScale: maxDecimals) else {
      fail(column, text, message)
      return nil
    }
    let ratio = Ratio(number.significand, over: Rounding.powerOfTen(number.scale))
    guard ratio <= .one else {
      fail(column, text, message)
      return nil
    }
    return ratio
  }

  private mutating func parseDay(_ column: String, _ text: String) -> Day? {
    // `Day` also reads a date-time's date part; a reference file holds plain dates only.
    guard text.utf8.count == 10, let day = try? Day(text) else {
      fail(column, text, "不是有效日期（应为yyyy-MM-dd）")
      return nil
    }
    return day
  }

  /// Whether `text` is one or more ASCII digits (exactly `count` of them when given).
  static func isDigits(_ text: some StringProtocol, count: Int? = nil) -> Bool {
    let utf8 = text.utf8
    return !utf8.isEmpty && (count.map { utf8.count == $0 } ?? true)
      && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  /// Whether `text` is digits, optionally followed by a point and more digits ("12", "0.05"; not "-1", ".5", "1.").
  static func isPlainDecimal(_ text: String) -> Bool {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    return parts.allSatisfy { isDigits($0) }
  }
}
