import Money

extension ReferenceImport {
  /// The columns of `catalog.csv`.
  public static let catalogColumns = [
    "med_list_codg", "med_list_name", "list_type", "chrgitm_lv", "med_chrgitm_type", "selfpay_prop",
    "pric_uplmt_amt", "nego_flag", "special_flag", "begndate", "enddate",
  ]

  /// The accepted `list_type`s: 101-106 drugs, 201 medical services, 301 consumables.
  static let listTypes: Set = ["101", "102", "103", "104", "105", "106", "201", "301"]

  /// Reads `catalog.csv` (医保目录): one row per item and validity period.
  ///
  /// `list_type` is one of 101-106, 201, 301; `chrgitm_lv` 01|02|03; `med_chrgitm_type` 01-14;
  /// `selfpay_prop` a decimal fraction 0-1 with up to 4 decimals; `pric_uplmt_amt` empty (no cap)
  /// or yuan > 0 with up to 2 decimals; `nego_flag`, `special_flag` 0|1; `enddate` empty (open) or
  /// not before `begndate`. A code may appear again only for a period that does not overlap.
  ///
  /// ```swift
  /// let items = try ReferenceImport.catalog(text)
  /// items.first { $0.code == "002403000060100" }?.priceCap  // 800.00
  /// ```
  public static func catalog(_ csv: String) throws(ImportErrors) -> [CatalogItem] {
    let chargeTypes = (1...14).map { $0 < 10 ? "0\($0)" : "\($0)" }
    var periodsOfCode: [String: [(line: Int, validity: DateRange)]] = [:]
    return try rows(csv, columns: catalogColumns) { (row: inout FieldReader) -> CatalogItem? in
      let code = row.required("med_list_codg")
      let name = row.required("med_list_name")
      let listType = row.checked("list_type", "目录类别必须是101-106、201或301") { listTypes.contains($0) }
      let level = row.choice(
        "chrgitm_lv", ["01": CatalogItem.Level.classA, "02": .classB, "03": .classC],
        "收费项目等级必须是01（甲类）、02（乙类）或03（丙类）")
      let chargeType = row.checked("med_chrgitm_type", "医疗收费项目类别必须是01-14") { chargeTypes.contains($0) }
      let selfPayRatio = row.fraction("selfpay_prop", maxDecimals: 4, "自付比例须为0到1之间的小数，最多4位小数")
      let priceCap = row.money("pric_uplmt_amt", required: false, "最高限价须为大于0的金额，最多2位小数") { $0 > .zero }
      let isNegotiated = row.flag("nego_flag")
      let isSpecialDrug = row.flag("special_flag")
      let validity = row.validity()
      if let code, let validity {
        if let earlier = periodsOfCode[code, default: []].first(where: { overlap($0.validity, validity) }) {
          row.fail("med_list_codg", code, "目录编码重复：与第\(earlier.line)行的有效期重叠")
        } else {
          periodsOfCode[code, default: []].append((row.line, validity))
        }
      }
      guard let code, let name, let listType, let level, let chargeType, let selfPayRatio, let isNegotiated,
        let isSpecialDrug, let validity
      else { return nil }
      return CatalogItem(
        code: code, name: name, listType: listType, level: level, chargeType: chargeType, selfPayRatio: selfPayRatio,
        priceCap: priceCap, isNegotiated: isNegotiated, isSpecialDrug: isSpecialDrug, validity: validity)
    }
  }
}
