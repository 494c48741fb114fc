/// 9001 签到 / 9002 签退.
extension NationalInterface {
  func signIn(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let input = request.input.node("signIn")
    let time = now()
    let number = institution.code + store.nextSignInNumber()
    try await store.recordSignIn(
      number: number, institutionCode: institution.code,
      operatorNumber: input.string("opter_no") ?? request.operatorNumber, time: time)
    return ["signinoutb": ["sign_time": .string(time), "sign_no": .string(number)]]
  }

  func signOut(_ request: InterfaceRequest) async throws -> JSONValue {
    _ = try institution(of: request)
    return ["signoutoutb": ["sign_time": .string(now())]]
  }
}
