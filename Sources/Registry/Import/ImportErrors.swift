/// Every problem found in one reference-data CSV file; thrown instead of returning a partial result.
///
/// The importer checks every row and keeps the first ``limit`` problems (counting the rest), so the
/// operator can fix a file in one pass. When it is thrown, nothing of the file may be imported.
///
/// ```swift
/// do {
///   let institutions = try ReferenceImport.institutions(text)
/// } catch {
///   print(error)            // 第3行 hosp_lv=“5”：医院等级必须是0-3 …, one problem a line
///   error.errors.first?.line  // 3
/// }
/// ```
public struct ImportErrors: Error, Sendable, Equatable, CustomStringConvertible {
  /// How many problems are kept; further ones are only counted.
  public static let limit = 50

  /// The first ``limit`` problems, in file order.
  public private(set) var errors: [ImportError] = []
  /// How many problems were found in all (may exceed `errors.count`).
  public private(set) var totalCount = 0

  public init(_ errors: [ImportError] = []) {
    append(contentsOf: errors)
  }

  public var isEmpty: Bool { totalCount == 0 }

  /// Whether problems beyond ``limit`` were dropped.
  public var isTruncated: Bool { totalCount > errors.count }

  public mutating func append(_ error: ImportError) {
    totalCount += 1
    if errors.count < Self.limit { errors.append(error) }
  }

  public mutating func append(contentsOf errors: some Sequence<ImportError>) {
    for error in errors { append(error) }
  }

  /// One problem a line, then `……共120处错误，仅列出前50处` when some were dropped.
  public var description: String {
    var lines = errors.map(\.description)
    if isTruncated { lines.append("……共\(totalCount)处错误，仅列出前\(errors.count)处") }
    return lines.joined(separator: "\n")
  }
}
