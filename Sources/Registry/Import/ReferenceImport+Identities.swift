extension ReferenceImport {
  /// The columns of `identities.csv`.
  public static let identityColumns = ["psn_no", "psn_idet_type", "begndate", "enddate"]

  /// Reads `identities.csv` (人员身份, e.g. 2102 低保对象): one row per identity and period.
  ///
  /// `enddate` empty means open; otherwise it is not before `begndate`. Whether `psn_no` exists is
  /// checked by the store.
  ///
  /// ```swift
  /// let identities = try ReferenceImport.identities(text)
  /// identities[0].personNumber   // "37040000000000000002"
  /// identities[0].identity.code  // "2102"
  /// ```
  public static func identities(_ csv: String) throws(ImportErrors)
    -> [(personNumber: String, identity: IdentityRecord)]
  {
    try rows(csv, columns: identityColumns) { (row: inout FieldReader) -> (String, IdentityRecord)? in
      let number = row.required("psn_no")
      let code = row.required("psn_idet_type")
      let validity = row.validity()
      guard let number, let code, let validity else { return nil }
      return (number, IdentityRecord(code: code, validity: validity))
    }.map { (personNumber: $0.0, identity: $0.1) }
  }
}
