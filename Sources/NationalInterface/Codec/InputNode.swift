import Money
import Registry

/// A node of a request's `input`, read leniently (numbers or strings, `yyyy-MM-dd HH:mm:ss`
/// or ISO dates, unknown keys ignored) and exactly (amounts never through floating point).
/// Every refusal names the field by its path and the value.
///
/// ```swift
/// let data = request.input.node("data")
/// let psn = try data.required("psn_no")
/// let fee = try data.money("medfee_sumamt")
/// ```
public struct InputNode: Sendable {
  public let value: JSONValue
  /// `input.data`, `input.feedetail[3]`.
  public let path: String

  public init(_ value: JSONValue, path: String) {
    self.value = value
    self.path = path
  }

  public func node(_ key: String) -> InputNode { InputNode(value[key], path: "\(path).\(key)") }

  /// The elements of an array node (a lone object counts as one).
  public func elements(_ key: String) -> [InputNode] {
    value[key].elements.enumerated().map { InputNode($1, path: "\(path).\(key)[\($0)]") }
  }

  public func string(_ key: String) -> String? {
    value[key].text.map { $0.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
  }

  public func required(_ key: String) throws(InterfaceError) -> String {
    guard let text = string(key) else { throw InterfaceError("缺少必填字段 \(path).\(key)") }
    return text
  }

  /// One of the allowed codes, or nil when absent.
  public func code(_ key: String, in allowed: Set<String>) throws(InterfaceError) -> String? {
    guard let text = string(key) else { return nil }
    guard allowed.contains(text) else {
      throw .field(key, text, "不是有效的代码（可选：\(allowed.sorted().joined(separator: "、"))）")
    }
    return text
  }

  public func money(_ key: String) throws(InterfaceError) -> Money? {
    guard let text = string(key) else { return nil }
    do { return try Money(yuan: text) } catch { throw .field(key, text, "\(error)") }
  }

  public func decimal(_ key: String, maxScale: Int) throws(InterfaceError) -> ExactDecimal {
    let text = try required(key)
    do { return try ExactDecimal(text, maxScale: maxScale) } catch { throw .field(key, text, "\(error)") }
  }

  /// A date or date-time; answers the date and the normalized `yyyy-MM-dd HH:mm:ss` text.
  public func dateTime(_ key: String) throws(InterfaceError) -> (day: Day, text: String)? {
    guard let text = string(key) else { return nil }
    return try InputNode.parseDateTime(text, field: key)
  }

  static func parseDateTime(_ text: String, field: String) throws(InterfaceError) -> (day: Day, text: String) {
    let day: Day
    do { day = try Day(text) } catch { throw .field(field, text, "不是有效的日期时间（yyyy-MM-dd HH:mm:ss）") }
    // The usual form, "yyyy-MM-dd HH:mm:ss", is kept as written.
    let bytes = Array(text.utf8)
    if bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      [11, 12, 14, 15, 17, 18].allSatisfy({ (0x30...0x39).contains(bytes[$0]) })
    {
      return (day, text)
    }
    var rest = String(text.dropFirst(10)).replacingFirst("T", with: " ")
    if rest.isEmpty { rest = " 00:00:00" }
    let time = rest.dropFirst().prefix(8)
    let parts = time.split(separator: ":")
    guard rest.first == " ", parts.count >= 2, parts.count <= 3,
      parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) })
    else { throw .field(field, text, "不是有效的日期时间（yyyy-MM-dd HH:mm:ss）") }
    return (day, "\(day) \(parts[0]):\(parts[1]):\(parts.count == 3 ? parts[2] : "00")")
  }
}

extension String {
  var trimmingSpaces: String {
    // Nearly every field starts and ends with a printable ASCII byte: nothing to trim.
    if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
      return self
    }
    var scalars = Substring(self)
    while scalars.first?.isWhitespace == true { scalars.removeFirst() }
    while scalars.last?.isWhitespace == true { scalars.removeLast() }
    return String(scalars)
  }

  func replacingFirst(_ target: Character, with replacement: String) -> String {
    guard let index = firstIndex(of: target) else { return self }
    return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
  }
}
