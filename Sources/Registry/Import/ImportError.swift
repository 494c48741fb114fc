/// One problem found while importing a reference-data CSV file: where it is and what is wrong.
///
/// The description is the Chinese message shown to the operator; it names the line, the column
/// and the offending value:
///
/// ```swift
/// let error = ImportError(line: 12, column: "hosp_lv", value: "5", message: "医院等级必须是0-3")
/// print(error)  // 第12行 hosp_lv=“5”：医院等级必须是0-3
/// ```
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The physical line of the file (the header is line 1); a quoted field spanning several lines
  /// counts from the line where its row starts.
  public let line: Int
  /// The column concerned, if the problem belongs to one field.
  public let column: String?
  /// The offending (trimmed) field value; nil when the field is empty or the problem is not about a value.
  public let value: String?
  /// What is wrong, in Chinese.
  public let message: String

  public init(line: Int, column: String? = nil, value: String? = nil, message: String) {
    self.line = line
    self.column = column
    self.value = value
    self.message = message
  }

  /// `第12行 hosp_lv=“5”：医院等级必须是0-3`, `第3行 psn_name：不能为空` or `第7行：应有6个字段，实际有5个`.
  public var description: String {
    switch (column, value) {
    case (let column?, let value?): "第\(line)行 \(column)=“\(value)”：\(message)"
    case (let column?, nil): "第\(line)行 \(column)：\(message)"
    case (nil, let value?): "第\(line)行 “\(value)”：\(message)"
    case (nil, nil): "第\(line)行：\(message)"
    }
  }
}
