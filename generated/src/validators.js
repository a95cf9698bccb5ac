// generated — do not edit; edit spec/ and run `npm run generate`
import func2Module from "ajv/dist/runtime/ucs2length.js";
import { isStrictBase64 as func9 } from "@felix/wire/codec-support";
export const auth = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/auth.schema.json","$comment":"validator","title":"auth","description":"Authenticates a stream for a tenant; the first frame of the control stream, and of any later stream that brings its own (upstream's clients send one on every stream; see sessions). A negotiating client offers the flag bits (and features) it understands.","type":"object","required":["type","tenant_id","token"],"properties":{"type":{"const":"auth"},"tenant_id":{"description":"The tenant the connection acts for.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"token":{"description":"Credential checked by the broker.","type":"string","maxLength":8192,"x-felix-max-bytes":8192},"client_flags":{"description":"Frame-flag bits this client can receive and send. Absent means the client predates negotiation: the broker then answers `ok` and sends it only original v1 layouts.","x-felix-integer":"integer_or_null","x-felix-range":65535},"client_features":{"description":"Feature bits (capabilities.features) this client implements. Absent means none.","x-felix-integer":"integer_or_null","x-felix-range":4294967295}}};
const func2 = func2Module.default ?? func2Module;
const pattern0 = new RegExp("^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$", "");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/auth.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.token === undefined) && (missing0 = "token"))){
validate10.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("auth" !== data.type){
validate10.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "auth"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate10.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate10.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate10.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.token !== undefined){
let data2 = data.token;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 8192){
validate10.errors = [{instancePath:instancePath+"/token",schemaPath:"#/properties/token/maxLength",keyword:"maxLength",params:{limit: 8192},message:"must NOT have more than 8192 characters"}];
return false;
}
else {
if(data2.length * 3 > 8192 && new TextEncoder().encode(data2).length > 8192){
validate10.errors = [{instancePath:instancePath+"/token",schemaPath:"#/properties/token/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/token",schemaPath:"#/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.client_flags !== undefined){
let data3 = data.client_flags;
const _errs7 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint" || data3 === null)){
validate10.errors = [{instancePath:instancePath+"/client_flags",schemaPath:"#/properties/client_flags/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data3 !== null && (data3 < 0 || data3 > 65535)){
validate10.errors = [{instancePath:instancePath+"/client_flags",schemaPath:"#/properties/client_flags/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.client_features !== undefined){
let data4 = data.client_features;
const _errs8 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate10.errors = [{instancePath:instancePath+"/client_features",schemaPath:"#/properties/client_features/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data4 !== null && (data4 < 0 || data4 > 4294967295)){
validate10.errors = [{instancePath:instancePath+"/client_features",schemaPath:"#/properties/client_features/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate10.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate10.errors = vErrors;
return errors === 0;
}

export const auth_ok = validate11;
const schema12 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/auth_ok.schema.json","$comment":"validator","title":"auth_ok","description":"Successful auth, carrying the broker's own capabilities. Sent only in answer to an auth that offered client_flags; a client must use these values, not its own.","type":"object","required":["type","server_flags"],"properties":{"type":{"const":"auth_ok"},"server_flags":{"description":"Frame-flag bits the broker understands.","x-felix-integer":"integer","x-felix-range":65535},"server_features":{"description":"Feature bits the broker serves. Absent means none.","x-felix-integer":"integer_or_null","x-felix-range":4294967295},"session_token":{"description":"Names this session on carriers with one connection per stream; a client presents it in stream_attach. Sent only to a client that offered STREAM_ATTACH.","type":["string","null"],"maxLength":8192,"x-felix-max-bytes":8192}}};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/auth_ok.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.server_flags === undefined) && (missing0 = "server_flags"))){
validate11.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("auth_ok" !== data.type){
validate11.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "auth_ok"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.server_flags !== undefined){
let data1 = data.server_flags;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate11.errors = [{instancePath:instancePath+"/server_flags",schemaPath:"#/properties/server_flags/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data1 !== null && (data1 < 0 || data1 > 65535)){
validate11.errors = [{instancePath:instancePath+"/server_flags",schemaPath:"#/properties/server_flags/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.server_features !== undefined){
let data2 = data.server_features;
const _errs4 = errors;
if(!(typeof data2 === "number" ? Number.isInteger(data2) : typeof data2 === "bigint" || data2 === null)){
validate11.errors = [{instancePath:instancePath+"/server_features",schemaPath:"#/properties/server_features/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data2 !== null && (data2 < 0 || data2 > 4294967295)){
validate11.errors = [{instancePath:instancePath+"/server_features",schemaPath:"#/properties/server_features/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.session_token !== undefined){
let data3 = data.session_token;
const _errs5 = errors;
if((typeof data3 !== "string") && (data3 !== null)){
validate11.errors = [{instancePath:instancePath+"/session_token",schemaPath:"#/properties/session_token/type",keyword:"type",params:{type: schema12.properties.session_token.type},message:"must be string,null"}];
return false;
}
if(errors === _errs5){
if(typeof data3 === "string"){
if(func2(data3) > 8192){
validate11.errors = [{instancePath:instancePath+"/session_token",schemaPath:"#/properties/session_token/maxLength",keyword:"maxLength",params:{limit: 8192},message:"must NOT have more than 8192 characters"}];
return false;
}
else {
if(data3.length * 3 > 8192 && new TextEncoder().encode(data3).length > 8192){
validate11.errors = [{instancePath:instancePath+"/session_token",schemaPath:"#/properties/session_token/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate11.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate11.errors = vErrors;
return errors === 0;
}

export const stream_attach = validate12;
const schema13 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/stream_attach.schema.json","$comment":"validator","title":"stream_attach","description":"First frame of every connection after the first on a one-connection-per-stream carrier (TLS over TCP): joins the connection to the session as a cache stream or as a subscription's event stream. An unknown token or subscription is answered with error and the connection is closed.","type":"object","required":["type","session_token","kind"],"properties":{"type":{"const":"stream_attach"},"session_token":{"description":"The session_token from auth_ok.","type":"string","maxLength":8192,"x-felix-max-bytes":8192},"kind":{"description":"What the connection carries.","type":"string","enum":["cache","event"]},"subscription_id":{"description":"The subscription whose events this connection carries; required for kind event.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/stream_attach.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.type === undefined) && (missing0 = "type")) || ((data.session_token === undefined) && (missing0 = "session_token"))) || ((data.kind === undefined) && (missing0 = "kind"))){
validate12.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("stream_attach" !== data.type){
validate12.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "stream_attach"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.session_token !== undefined){
let data1 = data.session_token;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 8192){
validate12.errors = [{instancePath:instancePath+"/session_token",schemaPath:"#/properties/session_token/maxLength",keyword:"maxLength",params:{limit: 8192},message:"must NOT have more than 8192 characters"}];
return false;
}
else {
if(data1.length * 3 > 8192 && new TextEncoder().encode(data1).length > 8192){
validate12.errors = [{instancePath:instancePath+"/session_token",schemaPath:"#/properties/session_token/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate12.errors = [{instancePath:instancePath+"/session_token",schemaPath:"#/properties/session_token/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.kind !== undefined){
let data2 = data.kind;
const _errs5 = errors;
if(typeof data2 !== "string"){
validate12.errors = [{instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data2 === "cache") || (data2 === "event"))){
validate12.errors = [{instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema13.properties.kind.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subscription_id !== undefined){
let data3 = data.subscription_id;
const _errs7 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint" || data3 === null)){
validate12.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data3 === "number" && data3 > 9007199254740991){
validate12.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data3 === "bigint" ? data3 < 0n || data3 > 18446744073709551615n : data3 < 0){
validate12.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate12.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate12.errors = vErrors;
return errors === 0;
}

export const publish = validate13;
const schema14 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/publish.schema.json","$comment":"validator","title":"publish","description":"Publishes one payload to a stream. With ack per_message and a request_id the broker answers publish_ok or publish_error carrying that id; with ack none it answers nothing. Clients prefer the binary publish batch, which costs less to encode and parse.","type":"object","required":["type","tenant_id","namespace","stream","payload"],"properties":{"type":{"const":"publish"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"Stream name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"payload":{"description":"The message body, opaque to the broker.","type":"string","contentEncoding":"base64","x-felix-base64":true},"request_id":{"description":"Correlates the acknowledgement.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"ack":{"description":"How to acknowledge; absent means per_message.","type":["string","null"],"enum":["none","per_message","per_batch",null]}}};


function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/publish.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))) || ((data.payload === undefined) && (missing0 = "payload"))){
validate13.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("publish" !== data.type){
validate13.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "publish"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate13.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate13.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate13.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate13.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate13.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate13.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate13.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate13.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate13.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate13.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate13.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate13.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.payload !== undefined){
let data4 = data.payload;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(!func9(data4)){
validate13.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
else {
validate13.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data5 = data.request_id;
const _errs11 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate13.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate13.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate13.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ack !== undefined){
let data6 = data.ack;
const _errs12 = errors;
if((typeof data6 !== "string") && (data6 !== null)){
validate13.errors = [{instancePath:instancePath+"/ack",schemaPath:"#/properties/ack/type",keyword:"type",params:{type: schema14.properties.ack.type},message:"must be string,null"}];
return false;
}
if(!((((data6 === "none") || (data6 === "per_message")) || (data6 === "per_batch")) || (data6 === null))){
validate13.errors = [{instancePath:instancePath+"/ack",schemaPath:"#/properties/ack/enum",keyword:"enum",params:{allowedValues: schema14.properties.ack.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate13.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate13.errors = vErrors;
return errors === 0;
}

export const publish_batch = validate14;
const schema15 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/publish_batch.schema.json","$comment":"validator","title":"publish_batch","description":"Publishes several payloads to one stream, acknowledged once for the batch.","type":"object","required":["type","tenant_id","namespace","stream","payloads"],"properties":{"type":{"const":"publish_batch"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"Stream name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"payloads":{"description":"The message bodies, in order.","type":"array","items":{"type":"string","contentEncoding":"base64","x-felix-base64":true},"maxItems":65536},"request_id":{"description":"Correlates the acknowledgement.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"ack":{"description":"How to acknowledge; absent means per_batch.","type":["string","null"],"enum":["none","per_message","per_batch",null]}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/publish_batch.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))) || ((data.payloads === undefined) && (missing0 = "payloads"))){
validate14.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("publish_batch" !== data.type){
validate14.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "publish_batch"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate14.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate14.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate14.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate14.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate14.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate14.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate14.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate14.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate14.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate14.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate14.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate14.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.payloads !== undefined){
let data4 = data.payloads;
const _errs9 = errors;
if(errors === _errs9){
if(Array.isArray(data4)){
if(data4.length > 65536){
validate14.errors = [{instancePath:instancePath+"/payloads",schemaPath:"#/properties/payloads/maxItems",keyword:"maxItems",params:{limit: 65536},message:"must NOT have more than 65536 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
const _errs11 = errors;
if(errors === _errs11){
if(typeof data5 === "string"){
if(!func9(data5)){
validate14.errors = [{instancePath:instancePath+"/payloads/" + i0,schemaPath:"#/properties/payloads/items/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
else {
validate14.errors = [{instancePath:instancePath+"/payloads/" + i0,schemaPath:"#/properties/payloads/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs11 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate14.errors = [{instancePath:instancePath+"/payloads",schemaPath:"#/properties/payloads/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data6 = data.request_id;
const _errs13 = errors;
if(!(typeof data6 === "number" ? Number.isInteger(data6) : typeof data6 === "bigint" || data6 === null)){
validate14.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data6 === "number" && data6 > 9007199254740991){
validate14.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data6 === "bigint" ? data6 < 0n || data6 > 18446744073709551615n : data6 < 0){
validate14.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ack !== undefined){
let data7 = data.ack;
const _errs14 = errors;
if((typeof data7 !== "string") && (data7 !== null)){
validate14.errors = [{instancePath:instancePath+"/ack",schemaPath:"#/properties/ack/type",keyword:"type",params:{type: schema15.properties.ack.type},message:"must be string,null"}];
return false;
}
if(!((((data7 === "none") || (data7 === "per_message")) || (data7 === "per_batch")) || (data7 === null))){
validate14.errors = [{instancePath:instancePath+"/ack",schemaPath:"#/properties/ack/enum",keyword:"enum",params:{allowedValues: schema15.properties.ack.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate14.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate14.errors = vErrors;
return errors === 0;
}

export const subscribe = validate15;
const schema16 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/subscribe.schema.json","$comment":"validator","title":"subscribe","description":"Subscribes to a stream. The broker answers subscribed and opens an event stream whose event_stream_hello carries the same subscription_id.","type":"object","required":["type","tenant_id","namespace","stream"],"properties":{"type":{"const":"subscribe"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"Stream name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"subscription_id":{"description":"An id the client proposes; the broker may assign its own.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"start":{"if":{"type":"null"},"then":true,"else":{"description":"Where delivery starts: \"latest\" (the default when absent), \"earliest\" (oldest retained record), or {\"offset\": n} (exactly offset n, the first record not yet seen).","if":{"type":"string"},"then":{"description":"A named position.","type":"string","enum":["latest","earliest"]},"else":{"description":"An exact offset.","type":"object","required":["offset"],"properties":{"offset":{"description":"First offset to deliver.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}}}},"epoch":{"description":"The stream epoch start.offset was read in (from subscribed, event_stream_hello or a cursor error). The broker serves the offset only if it is the stream's epoch now; otherwise on_epoch_mismatch decides. Only meaningful with an offset start. Absent: the offset is taken on trust, as upstream does.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"on_epoch_mismatch":{"description":"What to do when epoch is not the stream's; absent means refuse.","type":["string","null"],"enum":["refuse","earliest",null]}}};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/subscribe.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))){
validate15.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("subscribe" !== data.type){
validate15.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "subscribe"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate15.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate15.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate15.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate15.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate15.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate15.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate15.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate15.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate15.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate15.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate15.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate15.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subscription_id !== undefined){
let data4 = data.subscription_id;
const _errs9 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate15.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data4 === "number" && data4 > 9007199254740991){
validate15.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data4 === "bigint" ? data4 < 0n || data4 > 18446744073709551615n : data4 < 0){
validate15.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.start !== undefined){
let data5 = data.start;
const _errs10 = errors;
const _errs11 = errors;
let valid1 = true;
const _errs12 = errors;
if(data5 !== null){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs12 === errors;
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
if(!_valid0){
const _errs14 = errors;
const _errs15 = errors;
let valid2 = true;
const _errs16 = errors;
if(typeof data5 !== "string"){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid1 = _errs16 === errors;
errors = _errs15;
if(vErrors !== null){
if(_errs15){
vErrors.length = _errs15;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid1){
const _errs18 = errors;
if(typeof data5 !== "string"){
validate15.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/then/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data5 === "latest") || (data5 === "earliest"))){
validate15.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/then/enum",keyword:"enum",params:{allowedValues: schema16.properties.start.else.then.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var _valid1 = _errs18 === errors;
valid2 = _valid1;
ifClause0 = "then";
}
else {
const _errs20 = errors;
if(errors === _errs20){
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
let missing1;
if((data5.offset === undefined) && (missing1 = "offset")){
validate15.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/else/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
if(data5.offset !== undefined){
let data6 = data5.offset;
if(!(typeof data6 === "number" ? Number.isInteger(data6) : typeof data6 === "bigint")){
validate15.errors = [{instancePath:instancePath+"/start/offset",schemaPath:"#/properties/start/else/else/properties/offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data6 === "number" && data6 > 9007199254740991){
validate15.errors = [{instancePath:instancePath+"/start/offset",schemaPath:"#/properties/start/else/else/properties/offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data6 === "bigint" ? data6 < 0n || data6 > 18446744073709551615n : data6 < 0){
validate15.errors = [{instancePath:instancePath+"/start/offset",schemaPath:"#/properties/start/else/else/properties/offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
}
}
}
else {
validate15.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/else/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var _valid1 = _errs20 === errors;
valid2 = _valid1;
ifClause0 = "else";
}
if(!valid2){
const err2 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate15.errors = vErrors;
return false;
}
var _valid0 = _errs14 === errors;
valid1 = _valid0;
}
if(!valid1){
const err3 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/if",keyword:"if",params:{failingKeyword: "else"},message:"must match \"else\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate15.errors = vErrors;
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch !== undefined){
let data7 = data.epoch;
const _errs23 = errors;
if(!(typeof data7 === "number" ? Number.isInteger(data7) : typeof data7 === "bigint" || data7 === null)){
validate15.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data7 === "number" && data7 > 9007199254740991){
validate15.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data7 === "bigint" ? data7 < 0n || data7 > 18446744073709551615n : data7 < 0){
validate15.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.on_epoch_mismatch !== undefined){
let data8 = data.on_epoch_mismatch;
const _errs24 = errors;
if((typeof data8 !== "string") && (data8 !== null)){
validate15.errors = [{instancePath:instancePath+"/on_epoch_mismatch",schemaPath:"#/properties/on_epoch_mismatch/type",keyword:"type",params:{type: schema16.properties.on_epoch_mismatch.type},message:"must be string,null"}];
return false;
}
if(!(((data8 === "refuse") || (data8 === "earliest")) || (data8 === null))){
validate15.errors = [{instancePath:instancePath+"/on_epoch_mismatch",schemaPath:"#/properties/on_epoch_mismatch/enum",keyword:"enum",params:{allowedValues: schema16.properties.on_epoch_mismatch.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs24 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate15.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate15.errors = vErrors;
return errors === 0;
}

export const subscribed = validate16;
const schema17 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/subscribed.schema.json","$comment":"validator","title":"subscribed","description":"Confirms a subscription and carries the id its event stream will name.","type":"object","required":["type","subscription_id"],"properties":{"type":{"const":"subscribed"},"subscription_id":{"description":"Broker-assigned subscription id.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"start_offset":{"description":"First offset the subscription delivers.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"live_offset":{"description":"The stream's tail when the subscriber was registered.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"epoch":{"description":"The stream's epoch: the incarnation of its log that the subscription's offsets count in. A client keeps it with its position and sends it back in subscribe.epoch when it resumes.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"epoch_reset":{"description":"True when subscribe named another epoch and asked for on_epoch_mismatch earliest: the requested offset was not served, and delivery starts at the oldest record this epoch retains. Absent otherwise.","type":["boolean","null"]}}};

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/subscribed.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.subscription_id === undefined) && (missing0 = "subscription_id"))){
validate16.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("subscribed" !== data.type){
validate16.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "subscribed"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subscription_id !== undefined){
let data1 = data.subscription_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate16.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate16.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate16.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.start_offset !== undefined){
let data2 = data.start_offset;
const _errs4 = errors;
if(!(typeof data2 === "number" ? Number.isInteger(data2) : typeof data2 === "bigint" || data2 === null)){
validate16.errors = [{instancePath:instancePath+"/start_offset",schemaPath:"#/properties/start_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data2 === "number" && data2 > 9007199254740991){
validate16.errors = [{instancePath:instancePath+"/start_offset",schemaPath:"#/properties/start_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data2 === "bigint" ? data2 < 0n || data2 > 18446744073709551615n : data2 < 0){
validate16.errors = [{instancePath:instancePath+"/start_offset",schemaPath:"#/properties/start_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.live_offset !== undefined){
let data3 = data.live_offset;
const _errs5 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint" || data3 === null)){
validate16.errors = [{instancePath:instancePath+"/live_offset",schemaPath:"#/properties/live_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data3 === "number" && data3 > 9007199254740991){
validate16.errors = [{instancePath:instancePath+"/live_offset",schemaPath:"#/properties/live_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data3 === "bigint" ? data3 < 0n || data3 > 18446744073709551615n : data3 < 0){
validate16.errors = [{instancePath:instancePath+"/live_offset",schemaPath:"#/properties/live_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch !== undefined){
let data4 = data.epoch;
const _errs6 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate16.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data4 === "number" && data4 > 9007199254740991){
validate16.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data4 === "bigint" ? data4 < 0n || data4 > 18446744073709551615n : data4 < 0){
validate16.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch_reset !== undefined){
let data5 = data.epoch_reset;
const _errs7 = errors;
if((typeof data5 !== "boolean") && (data5 !== null)){
validate16.errors = [{instancePath:instancePath+"/epoch_reset",schemaPath:"#/properties/epoch_reset/type",keyword:"type",params:{type: schema17.properties.epoch_reset.type},message:"must be boolean,null"}];
return false;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate16.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate16.errors = vErrors;
return errors === 0;
}

export const subscribe_cursor_error = validate17;
const schema18 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/subscribe_cursor_error.schema.json","$comment":"validator","title":"subscribe_cursor_error","description":"A subscribe asked for an offset the broker cannot serve; nothing is delivered.","type":"object","required":["type","reason","requested","available"],"properties":{"type":{"const":"subscribe_cursor_error"},"reason":{"description":"Which side of the retained range the offset fell on, or that it was read in another epoch.","type":"string","enum":["too_old","in_future","epoch_mismatch"]},"requested":{"description":"The offset the client asked for.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"available":{"description":"The oldest retained offset (too_old, epoch_mismatch) or the tail (in_future).","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"epoch":{"description":"The stream's current epoch, which earliest_offset and tail_offset count in.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"earliest_offset":{"description":"The oldest offset the stream retains.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"tail_offset":{"description":"The offset the stream's next record gets.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/subscribe_cursor_error.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((data.type === undefined) && (missing0 = "type")) || ((data.reason === undefined) && (missing0 = "reason"))) || ((data.requested === undefined) && (missing0 = "requested"))) || ((data.available === undefined) && (missing0 = "available"))){
validate17.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("subscribe_cursor_error" !== data.type){
validate17.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "subscribe_cursor_error"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.reason !== undefined){
let data1 = data.reason;
const _errs3 = errors;
if(typeof data1 !== "string"){
validate17.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data1 === "too_old") || (data1 === "in_future")) || (data1 === "epoch_mismatch"))){
validate17.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/enum",keyword:"enum",params:{allowedValues: schema18.properties.reason.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.requested !== undefined){
let data2 = data.requested;
const _errs5 = errors;
if(!(typeof data2 === "number" ? Number.isInteger(data2) : typeof data2 === "bigint")){
validate17.errors = [{instancePath:instancePath+"/requested",schemaPath:"#/properties/requested/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data2 === "number" && data2 > 9007199254740991){
validate17.errors = [{instancePath:instancePath+"/requested",schemaPath:"#/properties/requested/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data2 === "bigint" ? data2 < 0n || data2 > 18446744073709551615n : data2 < 0){
validate17.errors = [{instancePath:instancePath+"/requested",schemaPath:"#/properties/requested/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.available !== undefined){
let data3 = data.available;
const _errs6 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint")){
validate17.errors = [{instancePath:instancePath+"/available",schemaPath:"#/properties/available/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data3 === "number" && data3 > 9007199254740991){
validate17.errors = [{instancePath:instancePath+"/available",schemaPath:"#/properties/available/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data3 === "bigint" ? data3 < 0n || data3 > 18446744073709551615n : data3 < 0){
validate17.errors = [{instancePath:instancePath+"/available",schemaPath:"#/properties/available/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch !== undefined){
let data4 = data.epoch;
const _errs7 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate17.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data4 === "number" && data4 > 9007199254740991){
validate17.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data4 === "bigint" ? data4 < 0n || data4 > 18446744073709551615n : data4 < 0){
validate17.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.earliest_offset !== undefined){
let data5 = data.earliest_offset;
const _errs8 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate17.errors = [{instancePath:instancePath+"/earliest_offset",schemaPath:"#/properties/earliest_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate17.errors = [{instancePath:instancePath+"/earliest_offset",schemaPath:"#/properties/earliest_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate17.errors = [{instancePath:instancePath+"/earliest_offset",schemaPath:"#/properties/earliest_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tail_offset !== undefined){
let data6 = data.tail_offset;
const _errs9 = errors;
if(!(typeof data6 === "number" ? Number.isInteger(data6) : typeof data6 === "bigint" || data6 === null)){
validate17.errors = [{instancePath:instancePath+"/tail_offset",schemaPath:"#/properties/tail_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data6 === "number" && data6 > 9007199254740991){
validate17.errors = [{instancePath:instancePath+"/tail_offset",schemaPath:"#/properties/tail_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data6 === "bigint" ? data6 < 0n || data6 > 18446744073709551615n : data6 < 0){
validate17.errors = [{instancePath:instancePath+"/tail_offset",schemaPath:"#/properties/tail_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate17.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate17.errors = vErrors;
return errors === 0;
}

export const subscription_end = validate18;
const schema19 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/subscription_end.schema.json","$comment":"validator","title":"subscription_end","description":"The broker has begun draining: it takes no more publishes, so the subscription will be delivered nothing at or past end_offset. Sent once per subscription whose batches carry offsets (EVENT_BATCH_OFFSETS), when the drain starts. The broker goes on delivering up to end_offset until its drain timeout; a subscriber whose session then closes before it has received end_offset - 1 knows the records from its next offset to end_offset were cut short, and reports them as a gap unless the broker it comes back to still holds them.","type":"object","required":["type","subscription_id","end_offset"],"properties":{"type":{"const":"subscription_end"},"subscription_id":{"description":"The id from subscribed.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"end_offset":{"description":"The stream's tail: one past the last record the subscription is owed.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/subscription_end.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.type === undefined) && (missing0 = "type")) || ((data.subscription_id === undefined) && (missing0 = "subscription_id"))) || ((data.end_offset === undefined) && (missing0 = "end_offset"))){
validate18.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("subscription_end" !== data.type){
validate18.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "subscription_end"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subscription_id !== undefined){
let data1 = data.subscription_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate18.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate18.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate18.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.end_offset !== undefined){
let data2 = data.end_offset;
const _errs4 = errors;
if(!(typeof data2 === "number" ? Number.isInteger(data2) : typeof data2 === "bigint")){
validate18.errors = [{instancePath:instancePath+"/end_offset",schemaPath:"#/properties/end_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data2 === "number" && data2 > 9007199254740991){
validate18.errors = [{instancePath:instancePath+"/end_offset",schemaPath:"#/properties/end_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data2 === "bigint" ? data2 < 0n || data2 > 18446744073709551615n : data2 < 0){
validate18.errors = [{instancePath:instancePath+"/end_offset",schemaPath:"#/properties/end_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate18.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate18.errors = vErrors;
return errors === 0;
}

export const event_stream_hello = validate19;
const schema20 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/event_stream_hello.schema.json","$comment":"validator","title":"event_stream_hello","description":"First frame on an event stream; binds the stream to its subscription.","type":"object","required":["type","subscription_id"],"properties":{"type":{"const":"event_stream_hello"},"subscription_id":{"description":"The id from subscribed.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"epoch":{"description":"The stream's epoch, as in subscribed: the offsets of the batches that follow count in it.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/event_stream_hello.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.subscription_id === undefined) && (missing0 = "subscription_id"))){
validate19.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("event_stream_hello" !== data.type){
validate19.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "event_stream_hello"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.subscription_id !== undefined){
let data1 = data.subscription_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate19.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate19.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate19.errors = [{instancePath:instancePath+"/subscription_id",schemaPath:"#/properties/subscription_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch !== undefined){
let data2 = data.epoch;
const _errs4 = errors;
if(!(typeof data2 === "number" ? Number.isInteger(data2) : typeof data2 === "bigint" || data2 === null)){
validate19.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data2 === "number" && data2 > 9007199254740991){
validate19.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data2 === "bigint" ? data2 < 0n || data2 > 18446744073709551615n : data2 < 0){
validate19.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate19.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate19.errors = vErrors;
return errors === 0;
}

export const event = validate20;
const schema21 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/event.schema.json","$comment":"validator","title":"event","description":"One delivered message.","type":"object","required":["type","tenant_id","namespace","stream","payload"],"properties":{"type":{"const":"event"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"Stream the message was published to.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"payload":{"description":"The message body.","type":"string","contentEncoding":"base64","x-felix-base64":true},"offset":{"description":"The message's offset in its stream, where the broker tracks one.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/event.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))) || ((data.payload === undefined) && (missing0 = "payload"))){
validate20.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("event" !== data.type){
validate20.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "event"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate20.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate20.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate20.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate20.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate20.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate20.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate20.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate20.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate20.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.payload !== undefined){
let data4 = data.payload;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(!func9(data4)){
validate20.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.offset !== undefined){
let data5 = data.offset;
const _errs11 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate20.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate20.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate20.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate20.errors = vErrors;
return errors === 0;
}

export const event_batch = validate21;
const schema22 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/event_batch.schema.json","$comment":"validator","title":"event_batch","description":"Several delivered messages in JSON; brokers prefer the binary batches.","type":"object","required":["type","tenant_id","namespace","stream","payloads"],"properties":{"type":{"const":"event_batch"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"Stream the messages were published to.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"payloads":{"description":"The message bodies, in stream order.","type":"array","items":{"type":"string","contentEncoding":"base64","x-felix-base64":true},"maxItems":65536}}};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/event_batch.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))) || ((data.payloads === undefined) && (missing0 = "payloads"))){
validate21.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("event_batch" !== data.type){
validate21.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "event_batch"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate21.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate21.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate21.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate21.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate21.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate21.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate21.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate21.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate21.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.payloads !== undefined){
let data4 = data.payloads;
const _errs9 = errors;
if(errors === _errs9){
if(Array.isArray(data4)){
if(data4.length > 65536){
validate21.errors = [{instancePath:instancePath+"/payloads",schemaPath:"#/properties/payloads/maxItems",keyword:"maxItems",params:{limit: 65536},message:"must NOT have more than 65536 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
const _errs11 = errors;
if(errors === _errs11){
if(typeof data5 === "string"){
if(!func9(data5)){
validate21.errors = [{instancePath:instancePath+"/payloads/" + i0,schemaPath:"#/properties/payloads/items/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/payloads/" + i0,schemaPath:"#/properties/payloads/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs11 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/payloads",schemaPath:"#/properties/payloads/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate21.errors = vErrors;
return errors === 0;
}

export const cache_put = validate22;
const schema23 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/cache_put.schema.json","$comment":"validator","title":"cache_put","description":"Stores a value under a key, optionally expiring after ttl_ms.","type":"object","required":["type","tenant_id","namespace","cache","key","value"],"properties":{"type":{"const":"cache_put"},"tenant_id":{"description":"Tenant owning the cache.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"cache":{"description":"Cache name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"key":{"description":"The entry's key.","type":"string","maxLength":1024,"x-felix-max-bytes":1024},"value":{"description":"The value to store.","type":"string","contentEncoding":"base64","x-felix-base64":true},"request_id":{"description":"Echoed by the response so requests can be pipelined.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"ttl_ms":{"description":"Time to live in milliseconds; null keeps the entry until evicted.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/cache_put.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.cache === undefined) && (missing0 = "cache"))) || ((data.key === undefined) && (missing0 = "key"))) || ((data.value === undefined) && (missing0 = "value"))){
validate22.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("cache_put" !== data.type){
validate22.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "cache_put"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate22.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate22.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate22.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate22.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate22.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate22.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate22.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate22.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cache !== undefined){
let data3 = data.cache;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate22.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate22.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate22.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate22.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.key !== undefined){
let data4 = data.key;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(func2(data4) > 1024){
validate22.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters"}];
return false;
}
else {
if(data4.length * 3 > 1024 && new TextEncoder().encode(data4).length > 1024){
validate22.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate22.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.value !== undefined){
let data5 = data.value;
const _errs11 = errors;
if(errors === _errs11){
if(typeof data5 === "string"){
if(!func9(data5)){
validate22.errors = [{instancePath:instancePath+"/value",schemaPath:"#/properties/value/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
else {
validate22.errors = [{instancePath:instancePath+"/value",schemaPath:"#/properties/value/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data6 = data.request_id;
const _errs13 = errors;
if(!(typeof data6 === "number" ? Number.isInteger(data6) : typeof data6 === "bigint" || data6 === null)){
validate22.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data6 === "number" && data6 > 9007199254740991){
validate22.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data6 === "bigint" ? data6 < 0n || data6 > 18446744073709551615n : data6 < 0){
validate22.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ttl_ms !== undefined){
let data7 = data.ttl_ms;
const _errs14 = errors;
if(!(typeof data7 === "number" ? Number.isInteger(data7) : typeof data7 === "bigint" || data7 === null)){
validate22.errors = [{instancePath:instancePath+"/ttl_ms",schemaPath:"#/properties/ttl_ms/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data7 === "number" && data7 > 9007199254740991){
validate22.errors = [{instancePath:instancePath+"/ttl_ms",schemaPath:"#/properties/ttl_ms/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data7 === "bigint" ? data7 < 0n || data7 > 18446744073709551615n : data7 < 0){
validate22.errors = [{instancePath:instancePath+"/ttl_ms",schemaPath:"#/properties/ttl_ms/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate22.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate22.errors = vErrors;
return errors === 0;
}

export const cache_get = validate23;
const schema24 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/cache_get.schema.json","$comment":"validator","title":"cache_get","description":"Reads the value stored under a key.","type":"object","required":["type","tenant_id","namespace","cache","key"],"properties":{"type":{"const":"cache_get"},"tenant_id":{"description":"Tenant owning the cache.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"cache":{"description":"Cache name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"key":{"description":"The entry's key.","type":"string","maxLength":1024,"x-felix-max-bytes":1024},"request_id":{"description":"Echoed by cache_value.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/cache_get.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.cache === undefined) && (missing0 = "cache"))) || ((data.key === undefined) && (missing0 = "key"))){
validate23.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("cache_get" !== data.type){
validate23.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "cache_get"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate23.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate23.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate23.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate23.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate23.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate23.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cache !== undefined){
let data3 = data.cache;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate23.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate23.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate23.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.key !== undefined){
let data4 = data.key;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(func2(data4) > 1024){
validate23.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters"}];
return false;
}
else {
if(data4.length * 3 > 1024 && new TextEncoder().encode(data4).length > 1024){
validate23.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data5 = data.request_id;
const _errs11 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate23.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate23.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate23.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate23.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate23.errors = vErrors;
return errors === 0;
}

export const cache_delete = validate24;
const schema25 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/cache_delete.schema.json","$comment":"validator","title":"cache_delete","description":"Removes a key; answered with cache_value carrying the removed value, or null when the key was not there. Sent only to a broker that advertised CACHE_DELETE.","type":"object","required":["type","tenant_id","namespace","cache","key"],"properties":{"type":{"const":"cache_delete"},"tenant_id":{"description":"Tenant owning the cache.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"cache":{"description":"Cache name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"key":{"description":"The entry's key.","type":"string","maxLength":1024,"x-felix-max-bytes":1024},"request_id":{"description":"Echoed by cache_value.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/cache_delete.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.cache === undefined) && (missing0 = "cache"))) || ((data.key === undefined) && (missing0 = "key"))){
validate24.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("cache_delete" !== data.type){
validate24.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "cache_delete"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate24.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate24.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate24.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate24.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate24.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate24.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate24.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate24.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cache !== undefined){
let data3 = data.cache;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate24.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate24.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate24.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate24.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.key !== undefined){
let data4 = data.key;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(func2(data4) > 1024){
validate24.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters"}];
return false;
}
else {
if(data4.length * 3 > 1024 && new TextEncoder().encode(data4).length > 1024){
validate24.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate24.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data5 = data.request_id;
const _errs11 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate24.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate24.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate24.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate24.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate24.errors = vErrors;
return errors === 0;
}

export const cache_value = validate25;
const schema26 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/cache_value.schema.json","$comment":"validator","title":"cache_value","description":"The answer to cache_get (and cache_delete); value is null on a miss or an expired entry.","type":"object","required":["type","tenant_id","namespace","cache","key"],"properties":{"type":{"const":"cache_value"},"tenant_id":{"description":"Tenant owning the cache.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"cache":{"description":"Cache name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"key":{"description":"The entry's key.","type":"string","maxLength":1024,"x-felix-max-bytes":1024},"value":{"description":"The stored value, or null when there is none.","type":["string","null"],"contentEncoding":"base64","x-felix-base64":true},"request_id":{"description":"The request's id.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/cache_value.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.cache === undefined) && (missing0 = "cache"))) || ((data.key === undefined) && (missing0 = "key"))){
validate25.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("cache_value" !== data.type){
validate25.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "cache_value"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate25.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate25.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate25.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate25.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate25.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate25.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate25.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate25.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cache !== undefined){
let data3 = data.cache;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate25.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate25.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate25.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate25.errors = [{instancePath:instancePath+"/cache",schemaPath:"#/properties/cache/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.key !== undefined){
let data4 = data.key;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(func2(data4) > 1024){
validate25.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters"}];
return false;
}
else {
if(data4.length * 3 > 1024 && new TextEncoder().encode(data4).length > 1024){
validate25.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate25.errors = [{instancePath:instancePath+"/key",schemaPath:"#/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.value !== undefined){
let data5 = data.value;
const _errs11 = errors;
if((typeof data5 !== "string") && (data5 !== null)){
validate25.errors = [{instancePath:instancePath+"/value",schemaPath:"#/properties/value/type",keyword:"type",params:{type: schema26.properties.value.type},message:"must be string,null"}];
return false;
}
if(errors === _errs11){
if(typeof data5 === "string"){
if(!func9(data5)){
validate25.errors = [{instancePath:instancePath+"/value",schemaPath:"#/properties/value/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data6 = data.request_id;
const _errs13 = errors;
if(!(typeof data6 === "number" ? Number.isInteger(data6) : typeof data6 === "bigint" || data6 === null)){
validate25.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data6 === "number" && data6 > 9007199254740991){
validate25.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data6 === "bigint" ? data6 < 0n || data6 > 18446744073709551615n : data6 < 0){
validate25.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate25.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate25.errors = vErrors;
return errors === 0;
}

export const cache_ok = validate26;
const schema27 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/cache_ok.schema.json","$comment":"validator","title":"cache_ok","description":"A cache write succeeded.","type":"object","required":["type","request_id"],"properties":{"type":{"const":"cache_ok"},"request_id":{"description":"The request's id.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/cache_ok.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.request_id === undefined) && (missing0 = "request_id"))){
validate26.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("cache_ok" !== data.type){
validate26.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "cache_ok"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data1 = data.request_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate26.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate26.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate26.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate26.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate26.errors = vErrors;
return errors === 0;
}

export const publish_ok = validate27;
const schema28 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/publish_ok.schema.json","$comment":"validator","title":"publish_ok","description":"A JSON publish carrying this request_id was accepted.","type":"object","required":["type","request_id"],"properties":{"type":{"const":"publish_ok"},"request_id":{"description":"The publish's id.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/publish_ok.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.request_id === undefined) && (missing0 = "request_id"))){
validate27.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("publish_ok" !== data.type){
validate27.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "publish_ok"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data1 = data.request_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate27.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate27.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate27.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate27.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate27.errors = vErrors;
return errors === 0;
}

export const publish_error = validate28;
const schema29 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/publish_error.schema.json","$comment":"validator","title":"publish_error","description":"A JSON publish carrying this request_id was refused.","type":"object","required":["type","request_id","message"],"properties":{"type":{"const":"publish_error"},"request_id":{"description":"The publish's id.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"message":{"description":"Why, for people.","type":"string","maxLength":4096,"x-felix-max-bytes":4096},"code":{"description":"The error code (protocol.yaml errors); unknown codes are kept.","type":["string","null"],"maxLength":255,"x-felix-max-bytes":255},"retry":{"description":"The retry class; one the client does not know reads as fatal.","type":["string","null"],"maxLength":255,"x-felix-max-bytes":255}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/publish_error.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.type === undefined) && (missing0 = "type")) || ((data.request_id === undefined) && (missing0 = "request_id"))) || ((data.message === undefined) && (missing0 = "message"))){
validate28.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("publish_error" !== data.type){
validate28.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "publish_error"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data1 = data.request_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate28.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate28.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate28.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
let data2 = data.message;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data2 === "string"){
if(func2(data2) > 4096){
validate28.errors = [{instancePath:instancePath+"/message",schemaPath:"#/properties/message/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters"}];
return false;
}
else {
if(data2.length * 3 > 4096 && new TextEncoder().encode(data2).length > 4096){
validate28.errors = [{instancePath:instancePath+"/message",schemaPath:"#/properties/message/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate28.errors = [{instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.code !== undefined){
let data3 = data.code;
const _errs6 = errors;
if((typeof data3 !== "string") && (data3 !== null)){
validate28.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/type",keyword:"type",params:{type: schema29.properties.code.type},message:"must be string,null"}];
return false;
}
if(errors === _errs6){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate28.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate28.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.retry !== undefined){
let data4 = data.retry;
const _errs8 = errors;
if((typeof data4 !== "string") && (data4 !== null)){
validate28.errors = [{instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/type",keyword:"type",params:{type: schema29.properties.retry.type},message:"must be string,null"}];
return false;
}
if(errors === _errs8){
if(typeof data4 === "string"){
if(func2(data4) > 255){
validate28.errors = [{instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data4.length * 3 > 255 && new TextEncoder().encode(data4).length > 255){
validate28.errors = [{instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate28.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate28.errors = vErrors;
return errors === 0;
}

export const ok = validate29;
const schema30 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/ok.schema.json","$comment":"validator","title":"ok","description":"Generic success (auth without negotiation, an acknowledged publish, a cache write).","type":"object","required":["type"],"properties":{"type":{"const":"ok"}}};

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/ok.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
validate29.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
if("ok" !== data.type){
validate29.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "ok"},message:"must be equal to constant"}];
return false;
}
}
}
}
else {
validate29.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate29.errors = vErrors;
return errors === 0;
}

export const error = validate30;
const schema31 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/error.schema.json","$comment":"validator","title":"error","description":"A request or frame was refused. With ERROR_CODES negotiated it also carries the typed code, the retry class, where in the frame the problem was and the request it answers.","type":"object","required":["type","message"],"properties":{"type":{"const":"error"},"message":{"description":"Why, for people: names the field and byte offset where one applies.","type":"string","maxLength":4096,"x-felix-max-bytes":4096},"code":{"description":"The error code (protocol.yaml errors); unknown codes are kept.","type":["string","null"],"maxLength":255,"x-felix-max-bytes":255},"retry":{"description":"The retry class; one the client does not know reads as fatal.","type":["string","null"],"maxLength":255,"x-felix-max-bytes":255},"request_id":{"description":"The request this answers, where it could be read.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"detail":{"description":"Where the problem was.","type":["object","null"],"required":[],"properties":{"field":{"description":"Dotted path of the offending field.","type":["string","null"],"maxLength":255,"x-felix-max-bytes":255},"offset":{"description":"Byte offset in the frame.","x-felix-integer":"integer_or_null","x-felix-range":4294967295},"retry_after_ms":{"description":"How long to wait, for retry_after.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}}}};

function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/error.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.message === undefined) && (missing0 = "message"))){
validate30.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("error" !== data.type){
validate30.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "error"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
let data1 = data.message;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 4096){
validate30.errors = [{instancePath:instancePath+"/message",schemaPath:"#/properties/message/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters"}];
return false;
}
else {
if(data1.length * 3 > 4096 && new TextEncoder().encode(data1).length > 4096){
validate30.errors = [{instancePath:instancePath+"/message",schemaPath:"#/properties/message/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
else {
validate30.errors = [{instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.code !== undefined){
let data2 = data.code;
const _errs5 = errors;
if((typeof data2 !== "string") && (data2 !== null)){
validate30.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/type",keyword:"type",params:{type: schema31.properties.code.type},message:"must be string,null"}];
return false;
}
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate30.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate30.errors = [{instancePath:instancePath+"/code",schemaPath:"#/properties/code/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.retry !== undefined){
let data3 = data.retry;
const _errs7 = errors;
if((typeof data3 !== "string") && (data3 !== null)){
validate30.errors = [{instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/type",keyword:"type",params:{type: schema31.properties.retry.type},message:"must be string,null"}];
return false;
}
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate30.errors = [{instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate30.errors = [{instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data4 = data.request_id;
const _errs9 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate30.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data4 === "number" && data4 > 9007199254740991){
validate30.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data4 === "bigint" ? data4 < 0n || data4 > 18446744073709551615n : data4 < 0){
validate30.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.detail !== undefined){
let data5 = data.detail;
const _errs10 = errors;
if((!(data5 && typeof data5 == "object" && !Array.isArray(data5))) && (data5 !== null)){
validate30.errors = [{instancePath:instancePath+"/detail",schemaPath:"#/properties/detail/type",keyword:"type",params:{type: schema31.properties.detail.type},message:"must be object,null"}];
return false;
}
if(errors === _errs10){
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.field !== undefined){
let data6 = data5.field;
const _errs12 = errors;
if((typeof data6 !== "string") && (data6 !== null)){
validate30.errors = [{instancePath:instancePath+"/detail/field",schemaPath:"#/properties/detail/properties/field/type",keyword:"type",params:{type: schema31.properties.detail.properties.field.type},message:"must be string,null"}];
return false;
}
if(errors === _errs12){
if(typeof data6 === "string"){
if(func2(data6) > 255){
validate30.errors = [{instancePath:instancePath+"/detail/field",schemaPath:"#/properties/detail/properties/field/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data6.length * 3 > 255 && new TextEncoder().encode(data6).length > 255){
validate30.errors = [{instancePath:instancePath+"/detail/field",schemaPath:"#/properties/detail/properties/field/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
}
}
}
var valid1 = _errs12 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data5.offset !== undefined){
let data7 = data5.offset;
const _errs14 = errors;
if(!(typeof data7 === "number" ? Number.isInteger(data7) : typeof data7 === "bigint" || data7 === null)){
validate30.errors = [{instancePath:instancePath+"/detail/offset",schemaPath:"#/properties/detail/properties/offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data7 !== null && (data7 < 0 || data7 > 4294967295)){
validate30.errors = [{instancePath:instancePath+"/detail/offset",schemaPath:"#/properties/detail/properties/offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid1 = _errs14 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data5.retry_after_ms !== undefined){
let data8 = data5.retry_after_ms;
const _errs15 = errors;
if(!(typeof data8 === "number" ? Number.isInteger(data8) : typeof data8 === "bigint" || data8 === null)){
validate30.errors = [{instancePath:instancePath+"/detail/retry_after_ms",schemaPath:"#/properties/detail/properties/retry_after_ms/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data8 === "number" && data8 > 9007199254740991){
validate30.errors = [{instancePath:instancePath+"/detail/retry_after_ms",schemaPath:"#/properties/detail/properties/retry_after_ms/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data8 === "bigint" ? data8 < 0n || data8 > 18446744073709551615n : data8 < 0){
validate30.errors = [{instancePath:instancePath+"/detail/retry_after_ms",schemaPath:"#/properties/detail/properties/retry_after_ms/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid1 = _errs15 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate30.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate30.errors = vErrors;
return errors === 0;
}

export const group_join = validate31;
const schema32 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/group_join.schema.json","$comment":"validator","title":"group_join","description":"Joins (creating when it does not exist) a consumer group on a stream as one consumer. The broker answers group_joined and opens an event stream whose event_stream_hello carries the consumer_id; the group's records then arrive there in group_delivery_batch frames, at most max_in_flight unacknowledged at a time. Needs the right to subscribe to the stream. Group settings (max_deliveries, dead_letter_stream) are fixed by the join that creates the group; a later join that names a different value is refused with invalid_request.","type":"object","required":["type","tenant_id","namespace","stream","group"],"properties":{"type":{"const":"group_join"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"Stream name within the namespace.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"group":{"description":"The group's name, unique per stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"consumer_id":{"description":"An id the client proposes (from the same space as subscription ids); the broker may assign its own.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"start":{"if":{"type":"null"},"then":true,"else":{"description":"Where a new group's cursor starts: \"latest\" (the default when absent), \"earliest\", or {\"offset\": n}. Ignored when the group exists: it goes on from its committed offset.","if":{"type":"string"},"then":{"description":"A named position.","type":"string","enum":["latest","earliest"]},"else":{"description":"An exact offset.","type":"object","required":["offset"],"properties":{"offset":{"description":"The first offset the group delivers.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}}}},"max_in_flight":{"description":"Most records delivered to this consumer and not yet acknowledged or nacked; absent means 256, 0 is refused.","x-felix-integer":"integer_or_null","x-felix-range":4294967295},"ack_wait_ms":{"description":"How long a record delivered to this consumer waits for its ack before it is delivered again; absent means 30000, 0 is refused.","x-felix-integer":"integer_or_null","x-felix-range":4294967295},"max_deliveries":{"description":"Group setting: deliveries of one record before it moves to the dead-letter stream; absent means 5 for a new group, 0 is refused.","x-felix-integer":"integer_or_null","x-felix-range":4294967295},"dead_letter_stream":{"description":"Group setting: the stream (same tenant and namespace) that receives dead letters; absent means the stream's name followed by \".dead_letters\". The broker creates it when missing, durable when the stream is.","type":["string","null"],"maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/group_join.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))) || ((data.group === undefined) && (missing0 = "group"))){
validate31.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("group_join" !== data.type){
validate31.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "group_join"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate31.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate31.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate31.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate31.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate31.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate31.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate31.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate31.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate31.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.group !== undefined){
let data4 = data.group;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(func2(data4) > 255){
validate31.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data4.length * 3 > 255 && new TextEncoder().encode(data4).length > 255){
validate31.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data4)){
validate31.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consumer_id !== undefined){
let data5 = data.consumer_id;
const _errs11 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate31.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate31.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate31.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.start !== undefined){
let data6 = data.start;
const _errs12 = errors;
const _errs13 = errors;
let valid1 = true;
const _errs14 = errors;
if(data6 !== null){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs14 === errors;
errors = _errs13;
if(vErrors !== null){
if(_errs13){
vErrors.length = _errs13;
}
else {
vErrors = null;
}
}
if(!_valid0){
const _errs16 = errors;
const _errs17 = errors;
let valid2 = true;
const _errs18 = errors;
if(typeof data6 !== "string"){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid1 = _errs18 === errors;
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid1){
const _errs20 = errors;
if(typeof data6 !== "string"){
validate31.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/then/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data6 === "latest") || (data6 === "earliest"))){
validate31.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/then/enum",keyword:"enum",params:{allowedValues: schema32.properties.start.else.then.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var _valid1 = _errs20 === errors;
valid2 = _valid1;
ifClause0 = "then";
}
else {
const _errs22 = errors;
if(errors === _errs22){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
let missing1;
if((data6.offset === undefined) && (missing1 = "offset")){
validate31.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/else/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
if(data6.offset !== undefined){
let data7 = data6.offset;
if(!(typeof data7 === "number" ? Number.isInteger(data7) : typeof data7 === "bigint")){
validate31.errors = [{instancePath:instancePath+"/start/offset",schemaPath:"#/properties/start/else/else/properties/offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data7 === "number" && data7 > 9007199254740991){
validate31.errors = [{instancePath:instancePath+"/start/offset",schemaPath:"#/properties/start/else/else/properties/offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data7 === "bigint" ? data7 < 0n || data7 > 18446744073709551615n : data7 < 0){
validate31.errors = [{instancePath:instancePath+"/start/offset",schemaPath:"#/properties/start/else/else/properties/offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
}
}
}
else {
validate31.errors = [{instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/else/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var _valid1 = _errs22 === errors;
valid2 = _valid1;
ifClause0 = "else";
}
if(!valid2){
const err2 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/else/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate31.errors = vErrors;
return false;
}
var _valid0 = _errs16 === errors;
valid1 = _valid0;
}
if(!valid1){
const err3 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/if",keyword:"if",params:{failingKeyword: "else"},message:"must match \"else\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate31.errors = vErrors;
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.max_in_flight !== undefined){
let data8 = data.max_in_flight;
const _errs25 = errors;
if(!(typeof data8 === "number" ? Number.isInteger(data8) : typeof data8 === "bigint" || data8 === null)){
validate31.errors = [{instancePath:instancePath+"/max_in_flight",schemaPath:"#/properties/max_in_flight/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data8 !== null && (data8 < 0 || data8 > 4294967295)){
validate31.errors = [{instancePath:instancePath+"/max_in_flight",schemaPath:"#/properties/max_in_flight/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs25 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ack_wait_ms !== undefined){
let data9 = data.ack_wait_ms;
const _errs26 = errors;
if(!(typeof data9 === "number" ? Number.isInteger(data9) : typeof data9 === "bigint" || data9 === null)){
validate31.errors = [{instancePath:instancePath+"/ack_wait_ms",schemaPath:"#/properties/ack_wait_ms/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data9 !== null && (data9 < 0 || data9 > 4294967295)){
validate31.errors = [{instancePath:instancePath+"/ack_wait_ms",schemaPath:"#/properties/ack_wait_ms/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs26 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.max_deliveries !== undefined){
let data10 = data.max_deliveries;
const _errs27 = errors;
if(!(typeof data10 === "number" ? Number.isInteger(data10) : typeof data10 === "bigint" || data10 === null)){
validate31.errors = [{instancePath:instancePath+"/max_deliveries",schemaPath:"#/properties/max_deliveries/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data10 !== null && (data10 < 0 || data10 > 4294967295)){
validate31.errors = [{instancePath:instancePath+"/max_deliveries",schemaPath:"#/properties/max_deliveries/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs27 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.dead_letter_stream !== undefined){
let data11 = data.dead_letter_stream;
const _errs28 = errors;
if((typeof data11 !== "string") && (data11 !== null)){
validate31.errors = [{instancePath:instancePath+"/dead_letter_stream",schemaPath:"#/properties/dead_letter_stream/type",keyword:"type",params:{type: schema32.properties.dead_letter_stream.type},message:"must be string,null"}];
return false;
}
if(errors === _errs28){
if(typeof data11 === "string"){
if(func2(data11) > 255){
validate31.errors = [{instancePath:instancePath+"/dead_letter_stream",schemaPath:"#/properties/dead_letter_stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data11.length * 3 > 255 && new TextEncoder().encode(data11).length > 255){
validate31.errors = [{instancePath:instancePath+"/dead_letter_stream",schemaPath:"#/properties/dead_letter_stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data11)){
validate31.errors = [{instancePath:instancePath+"/dead_letter_stream",schemaPath:"#/properties/dead_letter_stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
}
var valid0 = _errs28 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate31.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate31.errors = vErrors;
return errors === 0;
}

export const group_joined = validate32;
const schema33 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/group_joined.schema.json","$comment":"validator","title":"group_joined","description":"Confirms a group_join and carries the id the consumer's event stream will name.","type":"object","required":["type","consumer_id","committed_offset","tail_offset","created"],"properties":{"type":{"const":"group_joined"},"consumer_id":{"description":"Broker-assigned consumer id, in the session's subscription id space.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"committed_offset":{"description":"The group's cursor: the lowest offset not yet acknowledged.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"tail_offset":{"description":"The offset the stream's next record gets; tail_offset - committed_offset bounds the group's lag.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"created":{"description":"True when this join created the group.","type":"boolean"},"epoch":{"description":"The stream's epoch, which the offsets count in.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/group_joined.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.type === undefined) && (missing0 = "type")) || ((data.consumer_id === undefined) && (missing0 = "consumer_id"))) || ((data.committed_offset === undefined) && (missing0 = "committed_offset"))) || ((data.tail_offset === undefined) && (missing0 = "tail_offset"))) || ((data.created === undefined) && (missing0 = "created"))){
validate32.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("group_joined" !== data.type){
validate32.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "group_joined"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consumer_id !== undefined){
let data1 = data.consumer_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate32.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate32.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate32.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.committed_offset !== undefined){
let data2 = data.committed_offset;
const _errs4 = errors;
if(!(typeof data2 === "number" ? Number.isInteger(data2) : typeof data2 === "bigint")){
validate32.errors = [{instancePath:instancePath+"/committed_offset",schemaPath:"#/properties/committed_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data2 === "number" && data2 > 9007199254740991){
validate32.errors = [{instancePath:instancePath+"/committed_offset",schemaPath:"#/properties/committed_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data2 === "bigint" ? data2 < 0n || data2 > 18446744073709551615n : data2 < 0){
validate32.errors = [{instancePath:instancePath+"/committed_offset",schemaPath:"#/properties/committed_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tail_offset !== undefined){
let data3 = data.tail_offset;
const _errs5 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint")){
validate32.errors = [{instancePath:instancePath+"/tail_offset",schemaPath:"#/properties/tail_offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data3 === "number" && data3 > 9007199254740991){
validate32.errors = [{instancePath:instancePath+"/tail_offset",schemaPath:"#/properties/tail_offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data3 === "bigint" ? data3 < 0n || data3 > 18446744073709551615n : data3 < 0){
validate32.errors = [{instancePath:instancePath+"/tail_offset",schemaPath:"#/properties/tail_offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.created !== undefined){
const _errs6 = errors;
if(typeof data.created !== "boolean"){
validate32.errors = [{instancePath:instancePath+"/created",schemaPath:"#/properties/created/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch !== undefined){
let data5 = data.epoch;
const _errs8 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate32.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate32.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate32.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate32.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate32.errors = vErrors;
return errors === 0;
}

export const group_ack = validate33;
const schema34 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/group_ack.schema.json","$comment":"validator","title":"group_ack","description":"Acknowledges records delivered to a consumer: they are done and never delivered again. Offsets the consumer does not hold (already acknowledged, or redelivered elsewhere after their ack wait) are ignored, so an ack is idempotent. With a request_id the broker answers group_acked once the acks are applied and, on a durable stream, stored as the stream's fsync mode promises. A durable group's journal (see the storage guide) is a segment log of group_join and group_ack frames.","type":"object","required":["type","consumer_id","ranges"],"properties":{"type":{"const":"group_ack"},"consumer_id":{"description":"The consumer the records were delivered to (group_joined.consumer_id).","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"ranges":{"description":"Inclusive offset ranges as pairs: first, last, first, last, … Each first at most its last; an odd count is refused.","type":"array","items":{"x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"maxItems":65536},"request_id":{"description":"Asks for group_acked carrying this id.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/group_ack.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.type === undefined) && (missing0 = "type")) || ((data.consumer_id === undefined) && (missing0 = "consumer_id"))) || ((data.ranges === undefined) && (missing0 = "ranges"))){
validate33.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("group_ack" !== data.type){
validate33.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "group_ack"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consumer_id !== undefined){
let data1 = data.consumer_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate33.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate33.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate33.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ranges !== undefined){
let data2 = data.ranges;
const _errs4 = errors;
if(errors === _errs4){
if(Array.isArray(data2)){
if(data2.length > 65536){
validate33.errors = [{instancePath:instancePath+"/ranges",schemaPath:"#/properties/ranges/maxItems",keyword:"maxItems",params:{limit: 65536},message:"must NOT have more than 65536 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
const _errs6 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint")){
validate33.errors = [{instancePath:instancePath+"/ranges/" + i0,schemaPath:"#/properties/ranges/items/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data3 === "number" && data3 > 9007199254740991){
validate33.errors = [{instancePath:instancePath+"/ranges/" + i0,schemaPath:"#/properties/ranges/items/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data3 === "bigint" ? data3 < 0n || data3 > 18446744073709551615n : data3 < 0){
validate33.errors = [{instancePath:instancePath+"/ranges/" + i0,schemaPath:"#/properties/ranges/items/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid1 = _errs6 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/ranges",schemaPath:"#/properties/ranges/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data4 = data.request_id;
const _errs7 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate33.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data4 === "number" && data4 > 9007199254740991){
validate33.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data4 === "bigint" ? data4 < 0n || data4 > 18446744073709551615n : data4 < 0){
validate33.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate33.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate33.errors = vErrors;
return errors === 0;
}

export const group_nack = validate34;
const schema35 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/group_nack.schema.json","$comment":"validator","title":"group_nack","description":"Gives records back: each is delivered again (to any consumer of the group) after delay_ms, or moved to the dead-letter stream when it has had its max_deliveries. Offsets the consumer does not hold are ignored.","type":"object","required":["type","consumer_id","ranges"],"properties":{"type":{"const":"group_nack"},"consumer_id":{"description":"The consumer the records were delivered to.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"ranges":{"description":"Inclusive offset ranges as pairs, as in group_ack.","type":"array","items":{"x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"maxItems":65536},"delay_ms":{"description":"How long to hold the records back before delivering them again; absent means 0.","x-felix-integer":"integer_or_null","x-felix-range":4294967295},"request_id":{"description":"Asks for group_acked carrying this id.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/group_nack.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.type === undefined) && (missing0 = "type")) || ((data.consumer_id === undefined) && (missing0 = "consumer_id"))) || ((data.ranges === undefined) && (missing0 = "ranges"))){
validate34.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("group_nack" !== data.type){
validate34.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "group_nack"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consumer_id !== undefined){
let data1 = data.consumer_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate34.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate34.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate34.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ranges !== undefined){
let data2 = data.ranges;
const _errs4 = errors;
if(errors === _errs4){
if(Array.isArray(data2)){
if(data2.length > 65536){
validate34.errors = [{instancePath:instancePath+"/ranges",schemaPath:"#/properties/ranges/maxItems",keyword:"maxItems",params:{limit: 65536},message:"must NOT have more than 65536 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
const _errs6 = errors;
if(!(typeof data3 === "number" ? Number.isInteger(data3) : typeof data3 === "bigint")){
validate34.errors = [{instancePath:instancePath+"/ranges/" + i0,schemaPath:"#/properties/ranges/items/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data3 === "number" && data3 > 9007199254740991){
validate34.errors = [{instancePath:instancePath+"/ranges/" + i0,schemaPath:"#/properties/ranges/items/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data3 === "bigint" ? data3 < 0n || data3 > 18446744073709551615n : data3 < 0){
validate34.errors = [{instancePath:instancePath+"/ranges/" + i0,schemaPath:"#/properties/ranges/items/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid1 = _errs6 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate34.errors = [{instancePath:instancePath+"/ranges",schemaPath:"#/properties/ranges/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.delay_ms !== undefined){
let data4 = data.delay_ms;
const _errs7 = errors;
if(!(typeof data4 === "number" ? Number.isInteger(data4) : typeof data4 === "bigint" || data4 === null)){
validate34.errors = [{instancePath:instancePath+"/delay_ms",schemaPath:"#/properties/delay_ms/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data4 !== null && (data4 < 0 || data4 > 4294967295)){
validate34.errors = [{instancePath:instancePath+"/delay_ms",schemaPath:"#/properties/delay_ms/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data5 = data.request_id;
const _errs8 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint" || data5 === null)){
validate34.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate34.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate34.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate34.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate34.errors = vErrors;
return errors === 0;
}

export const group_acked = validate35;
const schema36 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/group_acked.schema.json","$comment":"validator","title":"group_acked","description":"The group_ack or group_nack carrying this request_id is applied (and stored, for a durable stream).","type":"object","required":["type","request_id"],"properties":{"type":{"const":"group_acked"},"request_id":{"description":"The request's id.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/group_acked.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.request_id === undefined) && (missing0 = "request_id"))){
validate35.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("group_acked" !== data.type){
validate35.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "group_acked"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.request_id !== undefined){
let data1 = data.request_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate35.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate35.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate35.errors = [{instancePath:instancePath+"/request_id",schemaPath:"#/properties/request_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate35.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate35.errors = vErrors;
return errors === 0;
}

export const group_leave = validate36;
const schema37 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/group_leave.schema.json","$comment":"validator","title":"group_leave","description":"Ends one consumer: the broker stops delivering to it, finishes its event stream and hands its unacknowledged records to the group's other consumers at once. Ending the session does the same for each of its consumers. The group and its cursor stay.","type":"object","required":["type","consumer_id"],"properties":{"type":{"const":"group_leave"},"consumer_id":{"description":"The consumer to end.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"}}};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/group_leave.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.consumer_id === undefined) && (missing0 = "consumer_id"))){
validate36.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("group_leave" !== data.type){
validate36.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "group_leave"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.consumer_id !== undefined){
let data1 = data.consumer_id;
const _errs3 = errors;
if(!(typeof data1 === "number" ? Number.isInteger(data1) : typeof data1 === "bigint")){
validate36.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data1 === "number" && data1 > 9007199254740991){
validate36.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data1 === "bigint" ? data1 < 0n || data1 > 18446744073709551615n : data1 < 0){
validate36.errors = [{instancePath:instancePath+"/consumer_id",schemaPath:"#/properties/consumer_id/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
}
}
}
else {
validate36.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate36.errors = vErrors;
return errors === 0;
}

export const dead_letter = validate37;
const schema38 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://felix.dev/schemas/dead_letter.schema.json","$comment":"validator","title":"dead_letter","description":"Never a frame on a stream of its own: each record of a dead-letter stream is one whole frame of this message (header included), so any Felix decoder reads it. A subscriber of the dead-letter stream gets it as an event payload.","type":"object","required":["type","tenant_id","namespace","stream","group","offset","delivery_count","reason","payload"],"properties":{"type":{"const":"dead_letter"},"tenant_id":{"description":"Tenant owning the stream.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"namespace":{"description":"Namespace within the tenant.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"stream":{"description":"The stream the record was published to.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"group":{"description":"The consumer group that gave up on it.","type":"string","maxLength":255,"x-felix-max-bytes":255,"pattern":"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$","x-felix-format":"name"},"offset":{"description":"The record's offset in its stream.","x-felix-type":"u64","x-felix-integer":"integer","x-felix-exact":true,"x-felix-range":"u64"},"epoch":{"description":"The stream's epoch that offset counts in.","x-felix-type":"u64","x-felix-integer":"integer_or_null","x-felix-exact":true,"x-felix-range":"u64"},"delivery_count":{"description":"How many times the group delivered it.","x-felix-integer":"integer","x-felix-range":4294967295},"reason":{"description":"Why it left the group.","type":"string","enum":["max_deliveries"]},"payload":{"description":"The record's payload, unchanged.","type":"string","contentEncoding":"base64","x-felix-base64":true}}};

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://felix.dev/schemas/dead_letter.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((((((data.type === undefined) && (missing0 = "type")) || ((data.tenant_id === undefined) && (missing0 = "tenant_id"))) || ((data.namespace === undefined) && (missing0 = "namespace"))) || ((data.stream === undefined) && (missing0 = "stream"))) || ((data.group === undefined) && (missing0 = "group"))) || ((data.offset === undefined) && (missing0 = "offset"))) || ((data.delivery_count === undefined) && (missing0 = "delivery_count"))) || ((data.reason === undefined) && (missing0 = "reason"))) || ((data.payload === undefined) && (missing0 = "payload"))){
validate37.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("dead_letter" !== data.type){
validate37.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "dead_letter"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tenant_id !== undefined){
let data1 = data.tenant_id;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data1 === "string"){
if(func2(data1) > 255){
validate37.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data1.length * 3 > 255 && new TextEncoder().encode(data1).length > 255){
validate37.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data1)){
validate37.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate37.errors = [{instancePath:instancePath+"/tenant_id",schemaPath:"#/properties/tenant_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.namespace !== undefined){
let data2 = data.namespace;
const _errs5 = errors;
if(errors === _errs5){
if(typeof data2 === "string"){
if(func2(data2) > 255){
validate37.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data2.length * 3 > 255 && new TextEncoder().encode(data2).length > 255){
validate37.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data2)){
validate37.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate37.errors = [{instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.stream !== undefined){
let data3 = data.stream;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(func2(data3) > 255){
validate37.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data3.length * 3 > 255 && new TextEncoder().encode(data3).length > 255){
validate37.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data3)){
validate37.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate37.errors = [{instancePath:instancePath+"/stream",schemaPath:"#/properties/stream/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.group !== undefined){
let data4 = data.group;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data4 === "string"){
if(func2(data4) > 255){
validate37.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters"}];
return false;
}
else {
if(data4.length * 3 > 255 && new TextEncoder().encode(data4).length > 255){
validate37.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/x-felix-max-bytes",keyword:"x-felix-max-bytes",params:{},message:"must pass \"x-felix-max-bytes\" keyword validation"}];
return false;
}
else {
if(!pattern0.test(data4)){
validate37.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/pattern",keyword:"pattern",params:{pattern: "^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"},message:"must match pattern \""+"^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"+"\""}];
return false;
}
}
}
}
else {
validate37.errors = [{instancePath:instancePath+"/group",schemaPath:"#/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.offset !== undefined){
let data5 = data.offset;
const _errs11 = errors;
if(!(typeof data5 === "number" ? Number.isInteger(data5) : typeof data5 === "bigint")){
validate37.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data5 === "number" && data5 > 9007199254740991){
validate37.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data5 === "bigint" ? data5 < 0n || data5 > 18446744073709551615n : data5 < 0){
validate37.errors = [{instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.epoch !== undefined){
let data6 = data.epoch;
const _errs12 = errors;
if(!(typeof data6 === "number" ? Number.isInteger(data6) : typeof data6 === "bigint" || data6 === null)){
validate37.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(typeof data6 === "number" && data6 > 9007199254740991){
validate37.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-exact",keyword:"x-felix-exact",params:{},message:"must be exact: above 2^53-1, write it as a plain integer"}];
return false;
}
else {
if(typeof data6 === "bigint" ? data6 < 0n || data6 > 18446744073709551615n : data6 < 0){
validate37.errors = [{instancePath:instancePath+"/epoch",schemaPath:"#/properties/epoch/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.delivery_count !== undefined){
let data7 = data.delivery_count;
const _errs13 = errors;
if(!(typeof data7 === "number" ? Number.isInteger(data7) : typeof data7 === "bigint")){
validate37.errors = [{instancePath:instancePath+"/delivery_count",schemaPath:"#/properties/delivery_count/x-felix-integer",keyword:"x-felix-integer",params:{},message:"must be integer"}];
return false;
}
else {
if(data7 !== null && (data7 < 0 || data7 > 4294967295)){
validate37.errors = [{instancePath:instancePath+"/delivery_count",schemaPath:"#/properties/delivery_count/x-felix-range",keyword:"x-felix-range",params:{},message:"is out of range"}];
return false;
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.reason !== undefined){
let data8 = data.reason;
const _errs14 = errors;
if(typeof data8 !== "string"){
validate37.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(data8 === "max_deliveries")){
validate37.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/enum",keyword:"enum",params:{allowedValues: schema38.properties.reason.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.payload !== undefined){
let data9 = data.payload;
const _errs16 = errors;
if(errors === _errs16){
if(typeof data9 === "string"){
if(!func9(data9)){
validate37.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/x-felix-base64",keyword:"x-felix-base64",params:{},message:"must be padded standard base64"}];
return false;
}
}
else {
validate37.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs16 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate37.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate37.errors = vErrors;
return errors === 0;
}

