export { randomId, type SignResult } from './sign'
export { verify, sign } from './variants'
export { detect, type Detection } from './detect'
export {
  SCHEMES,
  SCHEME_GROUPS,
  PROVIDER_SCHEMES,
  getScheme,
  regionOf,
  schemeSearchText,
  type Region
} from './registry'
export { CATEGORIES, categorizedIds, categoryOf, type Category } from './categories'
export { validateDefinition, DefinitionError } from './validate-definition'
export { escapeBytes } from '../bytes'
export { KeyError } from './keys'
export type * from './types'
export { decryptFeishuEvent } from './feishu'
export { describeDelivery, makeDescriber, type Describer } from './provider-event'
export { headerInsight, describeTime } from './header-insights'
export { replyRule, keyInResponse, paramSource } from './provider-data'
export { keyMismatch } from './keys'
export { signableOf } from './signable'
export { readSignatureField, itemPrefixes, removeSignature, underItem } from './location'
export { jsonPath } from './content'
export { bodyCoverage } from './coverage'
export { checkDefinitionShape } from './validate-definition'
export { certificateUrl, hostAllowed, subscribeUrl, type CertificateUrl } from './certificate'
