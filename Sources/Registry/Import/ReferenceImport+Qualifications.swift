extension ReferenceImport {
  /// The columns of `qualifications.csv`.
  public static let qualificationColumns = [
    "psn_no", "dise_codg", "begndate", "enddate", "fixmedins_code", "course_no", "insulin_flag",
  ]

  /// Reads `qualifications.csv` (门慢特资格认定 and 两病 registrations): one row per qualification.
  ///
  /// `enddate` empty means open; otherwise it is not before `begndate`. `fixmedins_code` empty means
  /// any institution, else it is an institution code (`H`/`P` + 11 digits); `course_no` empty means
  /// none; `insulin_flag` is 0|1. Whether `psn_no` and the institution exist is checked by the store.
  ///
  /// ```swift
  /// let qualifications = try ReferenceImport.qualifications(text)
  /// qualifications[0].qualification.diseaseCode  // "M07800"
  /// ```
  public static func qualifications(_ csv: String) throws(ImportErrors)
    -> [(personNumber: String, qualification: Qualification)]
  {
    try rows(csv, columns: qualificationColumns) { (row: inout FieldReader) -> (String, Qualification)? in
      let number = row.required("psn_no")
      let diseaseCode = row.required("dise_codg")
      let validity = row.validity()
      let institutionCode = row.optional("fixmedins_code")
      if let institutionCode, !isInstitutionCode(institutionCode) {
        row.fail("fixmedins_code", institutionCode, "机构编码应为H或P加6位行政区划加5位数字（为空表示不限机构）")
      }
      let courseNumber = row.optional("course_no")
      let usesInsulin = row.flag("insulin_flag")
      guard let number, let diseaseCode, let validity, let usesInsulin else { return nil }
      let qualification = Qualification(
        diseaseCode: diseaseCode, validity: validity, institutionCode: institutionCode, courseNumber: courseNumber,
        usesInsulin: usesInsulin)
      return (number, qualification)
    }.map { (personNumber: $0.0, qualification: $0.1) }
  }
}
