/// Imports a region's reference data (定点机构、医保目录、参保人员、人员身份、资格认定) from CSV text.
///
/// Pure: every function takes the whole file as a `String` (UTF-8, optional BOM, `\n` or `\r\n`) and
/// returns the parsed values, or throws ``ImportErrors`` listing every bad row (up to
/// ``ImportErrors/limit``) — then nothing of the file is to be imported. The header must name exactly
/// the file's columns, in any order; fields are trimmed; empty required fields are errors.
/// References between files (a qualification's `psn_no`, its `fixmedins_code`) are checked by the
/// store, not here.
///
/// ```swift
/// let csv = """
///   fixmedins_code,fixmedins_name,fixmedins_type,hosp_lv,admdvs,dialysis_partner
///   H37040600001,山亭区人民医院,H,2,370406,1
///   """
/// do {
///   let institutions = try ReferenceImport.institutions(csv)
///   institutions[0].isDialysisPartner  // true
/// } catch {
///   print(error)  // 第2行 hosp_lv=“5”：医院等级必须是0-3 …
/// }
/// ```
public enum ReferenceImport {
  /// Parses `csv` with `columns`, running `parse` on each row; throws every problem of every row.
  ///
  /// `parse` records a row's problems in its reader (including cross-row ones such as duplicates)
  /// and returns the row's value; a row with problems contributes no value.
  static func rows<Value>(
    _ csv: String, columns: [String], _ parse: (inout FieldReader) -> Value?
  ) throws(ImportErrors) -> [Value] {
    let table = try CSVTable(csv, columns: columns)
    var errors = ImportErrors()
    var values: [Value] = []
    values.reserveCapacity(table.rows.count)
    for row in table.rows {
      var reader = FieldReader(row)
      let value = parse(&reader)
      if !reader.problems.isEmpty {
        errors.append(contentsOf: reader.problems)
      } else if let value {
        values.append(value)
      }
    }
    guard errors.isEmpty else { throw errors }
    return values
  }

  /// Whether two validity periods share at least one day.
  static func overlap(_ a: DateRange, _ b: DateRange) -> Bool {
    (b.end.map { a.begin <= $0 } ?? true) && (a.end.map { b.begin <= $0 } ?? true)
  }

  /// Whether `code` is an institution code: `H`/`P`, six digits of admdvs, five digits of sequence.
  static func isInstitutionCode(_ code: String) -> Bool {
    (code.hasPrefix("H") || code.hasPrefix("P")) && FieldReader.isDigits(code.dropFirst(), count: 11)
  }
}
