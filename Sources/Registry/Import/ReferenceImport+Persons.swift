import Money

extension ReferenceImport {
  /// The columns of `persons.csv`.
  public static let personColumns = [
    "psn_no", "psn_cert_type", "certno", "psn_name", "gend", "brdy", "admdvs", "insutype", "psn_type",
    "psn_insu_date", "cont_years", "acct_balc",
  ]

  /// The person columns that every row of the same `psn_no` must repeat identically.
  static let sharedPersonColumns = ["psn_cert_type", "certno", "psn_name", "gend", "brdy", "admdvs"]

  /// Reads `persons.csv` (参保人员): one row per person and insurance type.
  ///
  /// Rows with the same `psn_no` become one ``Person`` (in order of first appearance) whose
  /// ``Person/insurances`` follow the rows; their person columns must agree and an `insutype` may
  /// appear once per person. `psn_cert_type` is a 2-digit code; for `01` (居民身份证) `certno` must be a
  /// valid 18-character identity number (GB 11643 check code) agreeing with `brdy` and `gend`.
  /// `gend` is 1|2; `admdvs` 6 digits; `insutype` 3 digits; `psn_type` 4 digits; `cont_years` a
  /// whole number ≥ 0; `acct_balc` yuan ≥ 0 with up to 2 decimals.
  ///
  /// ```swift
  /// let persons = try ReferenceImport.persons(text)
  /// persons.first { $0.number == "37040000000000000005" }?.insurances.map(\.insuranceType)  // ["310", "510"]
  /// ```
  public static func persons(_ csv: String) throws(ImportErrors) -> [Person] {
    var firstRows: [String: (line: Int, fields: [String: String])] = [:]
    var lineOfInsurance: [String: [String: Int]] = [:]
    let rows = try rows(csv, columns: personColumns) { (row: inout FieldReader) -> (Person, Insurance)? in
      let number = row.required("psn_no")
      let certificateType = row.digits("psn_cert_type", count: 2, "证件类型应为2位代码（01为居民身份证）")
      let certificateNumber = row.required("certno")
      let name = row.required("psn_name")
      let gender = row.choice("gend", ["1": Gender.male, "2": .female], "性别必须是1（男）或2（女）")
      let birthDate = row.day("brdy")
      let admdvs = row.digits("admdvs", count: 6, "参保地行政区划应为6位数字")
      let insuranceType = row.digits("insutype", count: 3, "险种类型应为3位数字（如310、390、510）")
      let personType = row.digits("psn_type", count: 4, "人员类别应为4位数字")
      let insuredSince = row.day("psn_insu_date")
      let contributionYears = row.count("cont_years", maxDigits: 3, "连续缴费年限须为不小于0的整数")
      let balance = row.money("acct_balc", "个人账户余额须为不小于0的金额，最多2位小数")

      if certificateType == "01", let certificateNumber {
        do throws(ChineseIDNumber.Invalid) {
          let id = try ChineseIDNumber(certificateNumber)
          if let birthDate, birthDate != id.birthDate {
            row.fail("brdy", birthDate.description, "出生日期与身份证号中的\(id.birthDate)不一致")
          }
          if let gender, gender != id.gender {
            row.fail("gend", gender.rawValue, "性别与身份证号不一致（身份证号第17位表示\(id.gender == .male ? "男" : "女")）")
          }
        } catch {
          row.fail("certno", certificateNumber, error.message)
        }
      }
      if let number {
        let fields = Dictionary(uniqueKeysWithValues: sharedPersonColumns.map { ($0, row.row[$0]) })
        if let first = firstRows[number] {
          for column in sharedPersonColumns where fields[column] != first.fields[column] {
            let message = "同一人员（psn_no \(number)）第\(first.line)行为“\(first.fields[column] ?? "")”，两者不一致"
            row.fail(column, fields[column], message)
          }
        } else if row.problems.isEmpty {
          firstRows[number] = (row.line, fields)
        }
        if let insuranceType {
          if let earlier = lineOfInsurance[number]?[insuranceType] {
            row.fail("insutype", insuranceType, "同一人员（psn_no \(number)）的此险种第\(earlier)行已有")
          } else if row.problems.isEmpty {
            lineOfInsurance[number, default: [:]][insuranceType] = row.line
          }
        }
      }
      guard let number, let certificateType, let certificateNumber, let name, let gender, let birthDate, let admdvs,
        let insuranceType, let personType, let insuredSince, let contributionYears, let balance
      else { return nil }
      let person = Person(
        number: number, certificateType: certificateType, certificateNumber: certificateNumber, name: name,
        gender: gender, birthDate: birthDate, admdvs: admdvs)
      let insurance = Insurance(
        insuranceType: insuranceType, personType: personType, insuredSince: insuredSince,
        contributionYears: contributionYears, accountBalance: balance)
      return (person, insurance)
    }

    var persons: [Person] = []
    var indexOfNumber: [String: Int] = [:]
    for (person, insurance) in rows {
      if let index = indexOfNumber[person.number] {
        persons[index].insurances.append(insurance)
      } else {
        indexOfNumber[person.number] = persons.count
        var person = person
        person.insurances = [insurance]
        persons.append(person)
      }
    }
    return persons
  }
}
