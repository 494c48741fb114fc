extension ReferenceImport {
  /// The columns of `institutions.csv`.
  public static let institutionColumns = [
    "fixmedins_code", "fixmedins_name", "fixmedins_type", "hosp_lv", "admdvs", "dialysis_partner",
  ]

  /// Reads `institutions.csv` (定点医药机构): one row per institution.
  ///
  /// `fixmedins_code` is `H`/`P` + the 6-digit `admdvs` + 5 digits and starts with `fixmedins_type`;
  /// `hosp_lv` is 0-3; `dialysis_partner` is 0|1; a code may appear once.
  ///
  /// ```swift
  /// let institutions = try ReferenceImport.institutions(text)
  /// institutions.first { $0.code == "H37040600001" }?.level  // 2
  /// ```
  public static func institutions(_ csv: String) throws(ImportErrors) -> [Institution] {
    var lineOfCode: [String: Int] = [:]
    return try rows(csv, columns: institutionColumns) { (row: inout FieldReader) -> Institution? in
      let code = row.checked("fixmedins_code", "机构编码应为H或P加6位行政区划加5位数字", isInstitutionCode)
      let name = row.required("fixmedins_name")
      let kind = row.choice(
        "fixmedins_type", ["H": Institution.Kind.hospital, "P": .pharmacy], "机构类型必须是H（医院）或P（药店）")
      let level = row.choice("hosp_lv", ["0": 0, "1": 1, "2": 2, "3": 3], "医院等级必须是0-3")
      let admdvs = row.digits("admdvs", count: 6, "行政区划应为6位数字")
      let isDialysisPartner = row.flag("dialysis_partner")
      if let code {
        if let kind, !code.hasPrefix(kind.rawValue) {
          row.fail("fixmedins_code", code, "机构编码须以机构类型“\(kind.rawValue)”开头")
        }
        if let admdvs, code.dropFirst().prefix(6) != admdvs {
          row.fail("fixmedins_code", code, "机构编码第2-7位须为所在行政区划“\(admdvs)”")
        }
        if let earlier = lineOfCode[code] {
          row.fail("fixmedins_code", code, "机构编码重复，第\(earlier)行已有")
        } else {
          lineOfCode[code] = row.line
        }
      }
      guard let code, let name, let kind, let level, let admdvs, let isDialysisPartner else { return nil }
      return Institution(
        code: code, name: name, kind: kind, level: level, admdvs: admdvs, isDialysisPartner: isDialysisPartner)
    }
  }
}
