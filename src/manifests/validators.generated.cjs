// @ts-nocheck
// Generated from schemas/*.json by `npm run gen` (ajv standalone code). Do not edit.
"use strict";
exports.Group = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"group.json","title":"Group","description":"An administration group: a node of the group tree holding distribution points and devices (docs/design.md 1).","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"$ref":"defs.json#/definitions/apiVersion"},"kind":{"const":"Group"},"metadata":{"$ref":"defs.json#/definitions/metadata"},"spec":{"title":"GroupSpec","type":"object","additionalProperties":false,"properties":{"description":{"type":"string","maxLength":1000},"parent":{"type":"string","minLength":1,"description":"Name of the parent group. A group has at most one parent; the tree has no cycles."},"distributionPoints":{"type":"array","default":[],"description":"Distribution points of this group. DP names are unique across all groups.","items":{"title":"DistributionPoint","type":"object","additionalProperties":false,"required":["name","os","repository"],"properties":{"name":{"$ref":"defs.json#/definitions/hostName"},"os":{"$ref":"defs.json#/definitions/os"},"repository":{"type":"string","minLength":1,"maxLength":4096,"description":"Folder for storing updates on this DP (a path on the DP)."},"address":{"type":"string","format":"uri","pattern":"^https?://","description":"URL the DP's repository is served on, for its devices."},"updateTask":{"type":"string","minLength":1,"description":"Name of a download task explicitly set for this DP. Such a DP does not use its group's download task."}}}},"devices":{"type":"array","default":[],"description":"Endpoints of this group.","items":{"title":"Device","type":"object","additionalProperties":false,"required":["name","os"],"properties":{"name":{"$ref":"defs.json#/definitions/hostName"},"os":{"$ref":"defs.json#/definitions/os"},"labels":{"$ref":"defs.json#/definitions/labels"},"license":{"title":"License","type":"object","additionalProperties":false,"required":["expires"],"description":"Licence of the security application. Without a current licence a device may perform exactly one update.","properties":{"expires":{"type":"string","format":"date","description":"Last day the licence is valid (YYYY-MM-DD)."}}}}}}}}}};
const schema13 = {"const":"updops/v1","description":"Manifest API version. Always `updops/v1`."};
const schema17 = {"type":"string","description":"Device or distribution point name (a host name): letters, digits, `-`, `.` and `_`.","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"};
const schema18 = {"type":"string","enum":["windows","linux","macos"],"description":"Operating system."};
const schema15 = {"type":"object","description":"Free-form string key/value pairs.","additionalProperties":{"type":"string","maxLength":1000},"propertyNames":{"maxLength":100}};
const schema14 = {"type":"object","description":"Identity of the object.","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1,"description":"Unique name within its kind."},"labels":{"$ref":"#/definitions/labels"},"annotations":{"$ref":"#/definitions/labels"}}};
const func2 = require("ajv/dist/runtime/ucs2length").default;

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "labels")) || (key0 === "annotations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.name.type,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
const _errs7 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 100){
const err4 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var valid2 = _errs7 === errors;
if(!valid2){
const err5 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
for(const key2 in data1){
let data2 = data1[key2];
if(typeof data2 === "string"){
if(func2(data2) > 1000){
const err6 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.annotations !== undefined){
let data3 = data.annotations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key3 in data3){
const _errs14 = errors;
if(typeof key3 === "string"){
if(func2(key3) > 100){
const err9 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid5 = _errs14 === errors;
if(!valid5){
const err10 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key4 in data3){
let data4 = data3[key4];
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err11 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const pattern0 = new RegExp("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$", "u");
const pattern1 = new RegExp("^https?://", "u");
const formats0 = require("ajv-formats/dist/formats").fullFormats.uri;
const formats2 = require("ajv-formats/dist/formats").fullFormats.date;

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="group.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("updops/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"defs.json#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "updops/v1"},message:"must be equal to constant",schema:"updops/v1",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Group" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Group"},message:"must be equal to constant",schema:"Group",parentSchema:schema11.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
if(!(validate12(data.metadata, {instancePath:instancePath+"/metadata",parentData:data,parentDataProperty:"metadata",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data.spec !== undefined){
let data3 = data.spec;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((((key1 === "description") || (key1 === "parent")) || (key1 === "distributionPoints")) || (key1 === "devices"))){
const err7 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data3.description !== undefined){
let data4 = data3.description;
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err8 = {instancePath:instancePath+"/spec/description",schemaPath:"#/properties/spec/properties/description/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema11.properties.spec.properties.description,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/spec/description",schemaPath:"#/properties/spec/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.spec.properties.description.type,parentSchema:schema11.properties.spec.properties.description,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.parent !== undefined){
let data5 = data3.parent;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err10 = {instancePath:instancePath+"/spec/parent",schemaPath:"#/properties/spec/properties/parent/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.spec.properties.parent,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/spec/parent",schemaPath:"#/properties/spec/properties/parent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.spec.properties.parent.type,parentSchema:schema11.properties.spec.properties.parent,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.distributionPoints !== undefined){
let data6 = data3.distributionPoints;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.name === undefined){
const err12 = {instancePath:instancePath+"/spec/distributionPoints/" + i0,schemaPath:"#/properties/spec/properties/distributionPoints/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.properties.spec.properties.distributionPoints.items.required,parentSchema:schema11.properties.spec.properties.distributionPoints.items,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data7.os === undefined){
const err13 = {instancePath:instancePath+"/spec/distributionPoints/" + i0,schemaPath:"#/properties/spec/properties/distributionPoints/items/required",keyword:"required",params:{missingProperty: "os"},message:"must have required property '"+"os"+"'",schema:schema11.properties.spec.properties.distributionPoints.items.required,parentSchema:schema11.properties.spec.properties.distributionPoints.items,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data7.repository === undefined){
const err14 = {instancePath:instancePath+"/spec/distributionPoints/" + i0,schemaPath:"#/properties/spec/properties/distributionPoints/items/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'",schema:schema11.properties.spec.properties.distributionPoints.items.required,parentSchema:schema11.properties.spec.properties.distributionPoints.items,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key2 in data7){
if(!(((((key2 === "name") || (key2 === "os")) || (key2 === "repository")) || (key2 === "address")) || (key2 === "updateTask"))){
const err15 = {instancePath:instancePath+"/spec/distributionPoints/" + i0,schemaPath:"#/properties/spec/properties/distributionPoints/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.spec.properties.distributionPoints.items,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data7.name !== undefined){
let data8 = data7.name;
if(typeof data8 === "string"){
if(func2(data8) > 253){
const err16 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/name",schemaPath:"defs.json#/definitions/hostName/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(func2(data8) < 1){
const err17 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/name",schemaPath:"defs.json#/definitions/hostName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!pattern0.test(data8)){
const err18 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/name",schemaPath:"defs.json#/definitions/hostName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$",parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/name",schemaPath:"defs.json#/definitions/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.os !== undefined){
let data9 = data7.os;
if(typeof data9 !== "string"){
const err20 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/os",schemaPath:"defs.json#/definitions/os/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.type,parentSchema:schema18,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!(((data9 === "windows") || (data9 === "linux")) || (data9 === "macos"))){
const err21 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/os",schemaPath:"defs.json#/definitions/os/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data7.repository !== undefined){
let data10 = data7.repository;
if(typeof data10 === "string"){
if(func2(data10) > 4096){
const err22 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/repository",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/repository/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.repository,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(func2(data10) < 1){
const err23 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/repository",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/repository/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.repository,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/repository",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.spec.properties.distributionPoints.items.properties.repository.type,parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.repository,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data7.address !== undefined){
let data11 = data7.address;
if(typeof data11 === "string"){
if(!pattern1.test(data11)){
const err25 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/address",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/address/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.address,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!(formats0(data11))){
const err26 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/address",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/address/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.address,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/address",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.spec.properties.distributionPoints.items.properties.address.type,parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.address,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data7.updateTask !== undefined){
let data12 = data7.updateTask;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err28 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/updateTask",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/updateTask/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.updateTask,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/spec/distributionPoints/" + i0+"/updateTask",schemaPath:"#/properties/spec/properties/distributionPoints/items/properties/updateTask/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.spec.properties.distributionPoints.items.properties.updateTask.type,parentSchema:schema11.properties.spec.properties.distributionPoints.items.properties.updateTask,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/spec/distributionPoints/" + i0,schemaPath:"#/properties/spec/properties/distributionPoints/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.spec.properties.distributionPoints.items.type,parentSchema:schema11.properties.spec.properties.distributionPoints.items,data:data7};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/spec/distributionPoints",schemaPath:"#/properties/spec/properties/distributionPoints/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.spec.properties.distributionPoints.type,parentSchema:schema11.properties.spec.properties.distributionPoints,data:data6};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data3.devices !== undefined){
let data13 = data3.devices;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
let data14 = data13[i1];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.name === undefined){
const err32 = {instancePath:instancePath+"/spec/devices/" + i1,schemaPath:"#/properties/spec/properties/devices/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.properties.spec.properties.devices.items.required,parentSchema:schema11.properties.spec.properties.devices.items,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data14.os === undefined){
const err33 = {instancePath:instancePath+"/spec/devices/" + i1,schemaPath:"#/properties/spec/properties/devices/items/required",keyword:"required",params:{missingProperty: "os"},message:"must have required property '"+"os"+"'",schema:schema11.properties.spec.properties.devices.items.required,parentSchema:schema11.properties.spec.properties.devices.items,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
for(const key3 in data14){
if(!((((key3 === "name") || (key3 === "os")) || (key3 === "labels")) || (key3 === "license"))){
const err34 = {instancePath:instancePath+"/spec/devices/" + i1,schemaPath:"#/properties/spec/properties/devices/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.spec.properties.devices.items,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data14.name !== undefined){
let data15 = data14.name;
if(typeof data15 === "string"){
if(func2(data15) > 253){
const err35 = {instancePath:instancePath+"/spec/devices/" + i1+"/name",schemaPath:"defs.json#/definitions/hostName/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema17,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(func2(data15) < 1){
const err36 = {instancePath:instancePath+"/spec/devices/" + i1+"/name",schemaPath:"defs.json#/definitions/hostName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17,data:data15};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(!pattern0.test(data15)){
const err37 = {instancePath:instancePath+"/spec/devices/" + i1+"/name",schemaPath:"defs.json#/definitions/hostName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$",parentSchema:schema17,data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/spec/devices/" + i1+"/name",schemaPath:"defs.json#/definitions/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data14.os !== undefined){
let data16 = data14.os;
if(typeof data16 !== "string"){
const err39 = {instancePath:instancePath+"/spec/devices/" + i1+"/os",schemaPath:"defs.json#/definitions/os/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.type,parentSchema:schema18,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(!(((data16 === "windows") || (data16 === "linux")) || (data16 === "macos"))){
const err40 = {instancePath:instancePath+"/spec/devices/" + i1+"/os",schemaPath:"defs.json#/definitions/os/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data16};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data14.labels !== undefined){
let data17 = data14.labels;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key4 in data17){
const _errs44 = errors;
if(typeof key4 === "string"){
if(func2(key4) > 100){
const err41 = {instancePath:instancePath+"/spec/devices/" + i1+"/labels",schemaPath:"defs.json#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
var valid14 = _errs44 === errors;
if(!valid14){
const err42 = {instancePath:instancePath+"/spec/devices/" + i1+"/labels",schemaPath:"defs.json#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data17};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
for(const key5 in data17){
let data18 = data17[key5];
if(typeof data18 === "string"){
if(func2(data18) > 1000){
const err43 = {instancePath:instancePath+"/spec/devices/" + i1+"/labels/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"defs.json#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/spec/devices/" + i1+"/labels/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"defs.json#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/spec/devices/" + i1+"/labels",schemaPath:"defs.json#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data17};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data14.license !== undefined){
let data19 = data14.license;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.expires === undefined){
const err46 = {instancePath:instancePath+"/spec/devices/" + i1+"/license",schemaPath:"#/properties/spec/properties/devices/items/properties/license/required",keyword:"required",params:{missingProperty: "expires"},message:"must have required property '"+"expires"+"'",schema:schema11.properties.spec.properties.devices.items.properties.license.required,parentSchema:schema11.properties.spec.properties.devices.items.properties.license,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
for(const key6 in data19){
if(!(key6 === "expires")){
const err47 = {instancePath:instancePath+"/spec/devices/" + i1+"/license",schemaPath:"#/properties/spec/properties/devices/items/properties/license/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.spec.properties.devices.items.properties.license,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data19.expires !== undefined){
let data20 = data19.expires;
if(typeof data20 === "string"){
if(!(formats2.validate(data20))){
const err48 = {instancePath:instancePath+"/spec/devices/" + i1+"/license/expires",schemaPath:"#/properties/spec/properties/devices/items/properties/license/properties/expires/format",keyword:"format",params:{format: "date"},message:"must match format \""+"date"+"\"",schema:"date",parentSchema:schema11.properties.spec.properties.devices.items.properties.license.properties.expires,data:data20};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/spec/devices/" + i1+"/license/expires",schemaPath:"#/properties/spec/properties/devices/items/properties/license/properties/expires/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.spec.properties.devices.items.properties.license.properties.expires.type,parentSchema:schema11.properties.spec.properties.devices.items.properties.license.properties.expires,data:data20};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/spec/devices/" + i1+"/license",schemaPath:"#/properties/spec/properties/devices/items/properties/license/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.spec.properties.devices.items.properties.license.type,parentSchema:schema11.properties.spec.properties.devices.items.properties.license,data:data19};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath:instancePath+"/spec/devices/" + i1,schemaPath:"#/properties/spec/properties/devices/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.spec.properties.devices.items.type,parentSchema:schema11.properties.spec.properties.devices.items,data:data14};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/spec/devices",schemaPath:"#/properties/spec/properties/devices/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.spec.properties.devices.type,parentSchema:schema11.properties.spec.properties.devices,data:data13};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.spec.type,parentSchema:schema11.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

exports.UpdateSource = validate14;
const schema22 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"update-source.json","title":"UpdateSource","description":"Where updates are downloaded from (docs/design.md 1, update sources). Every kind must have the layout of an updops repository.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"$ref":"defs.json#/definitions/apiVersion"},"kind":{"const":"UpdateSource"},"metadata":{"$ref":"defs.json#/definitions/metadata"},"spec":{"title":"UpdateSourceSpec","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"type":"string","enum":["vendor","upstream","http","ftp","folder"],"description":"`vendor`: the vendor's HTTP(S) update servers (the default source). `upstream`: the primary administration server's repository — another updops controller started with `--serve-repository`, at `http(s)://PRIMARY:PORT/repository/` (any other URL is the validate error `UPSTREAM_NOT_HTTP`); its `secretRef` holds that controller's API token, sent as a bearer token (needed when the primary listens on a non-loopback address). `http`, `ftp`, `folder`: a local or network folder (a mounted SMB share is a folder)."},"url":{"type":"string","minLength":1,"maxLength":4096,"description":"`http(s)://…`, `ftp://…`, or for `folder` a path or `file://` URL. Never put credentials in it: use `secretRef`."},"secretRef":{"$ref":"defs.json#/definitions/secretRef"},"proxy":{"title":"Proxy","type":"object","additionalProperties":false,"required":["url"],"description":"Proxy server for an HTTP(S) source (`http(s)://` URL; `secretRef` for its login). Absent: the standard proxy environment variables of the process that syncs — `HTTPS_PROXY` for https:// sources (CONNECT), `HTTP_PROXY` for http://, `NO_PROXY` (comma list: host suffixes, `host:port`, `*`) to go direct. FTP and folder sources never use a proxy: `proxy` on one is a validate error (`PROXY_NOT_HTTP`).","properties":{"url":{"type":"string","format":"uri","pattern":"^https?://"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}},"timeoutSeconds":{"type":"integer","minimum":0,"maximum":120,"default":10,"description":"Connect and idle timeout in seconds (0 = no timeout)."},"caFile":{"type":"string","minLength":1,"description":"PEM bundle of CAs to trust for HTTPS."},"trustRoot":{"type":"string","minLength":1,"description":"Path (relative to the config repository) of the repository's trusted `root.json`."},"bandwidth":{"$ref":"defs.json#/definitions/bandwidth","description":"Cap on downloads from this source, shared by every sync from it in one process (the controller's local DP syncs together, each agent on its own). `urgent` tasks ignore it."}}}}};
const schema27 = {"type":"object","description":"Where a secret is read from at run time: an environment variable or a file (its first line). What it holds is said where it is used: `user:password` for an update source or an SMTP login, a token for a forge, the URL of a chat webhook. Never written in a manifest.","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"env":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"Environment variable holding the secret."},"file":{"type":"string","minLength":1,"description":"File holding the secret (first line)."}}};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "labels")) || (key0 === "annotations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.name.type,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
const _errs7 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 100){
const err4 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var valid2 = _errs7 === errors;
if(!valid2){
const err5 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
for(const key2 in data1){
let data2 = data1[key2];
if(typeof data2 === "string"){
if(func2(data2) > 1000){
const err6 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.annotations !== undefined){
let data3 = data.annotations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key3 in data3){
const _errs14 = errors;
if(typeof key3 === "string"){
if(func2(key3) > 100){
const err9 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid5 = _errs14 === errors;
if(!valid5){
const err10 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key4 in data3){
let data4 = data3[key4];
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err11 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}

const schema29 = {"title":"Bandwidth","type":"object","additionalProperties":false,"minProperties":1,"description":"A download rate cap: `limit` always, or per time of day in `schedule` (the first matching entry wins; outside every entry `limit` applies, and without `limit` the rate is not capped). Enforced by the sync engine with one token bucket shared by every file of the sync, so concurrent downloads together stay within it.","properties":{"limit":{"$ref":"#/definitions/bandwidthRate"},"timeZone":{"type":"string","minLength":1,"description":"IANA zone the schedule's times are read in, e.g. `Europe/Berlin`. Default: UTC."},"schedule":{"type":"array","minItems":1,"items":{"title":"BandwidthPeriod","type":"object","additionalProperties":false,"required":["from","to","limit"],"description":"From `from` to `to` (wall clock; `to` before `from` spans midnight), on `days` (default every day), at most `limit`.","properties":{"from":{"$ref":"#/definitions/timeOfDay"},"to":{"$ref":"#/definitions/timeOfDay"},"days":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/definitions/weekday"}},"limit":{"$ref":"#/definitions/bandwidthRate"}}}}}};
const schema30 = {"type":"string","pattern":"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$","description":"Bytes per second with a unit: `500kB/s`, `2MB/s`, `1.5MiB/s` (kB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024; `KB` means kB)."};
const schema31 = {"type":"string","description":"Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"};
const schema33 = {"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]};
const pattern6 = new RegExp("^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$", "u");
const pattern7 = new RegExp("^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", "u");
const func0 = require("ajv/dist/runtime/equal").default;

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 1){
const err0 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "limit") || (key0 === "timeZone")) || (key0 === "schedule"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.limit !== undefined){
let data0 = data.limit;
if(typeof data0 === "string"){
if(!pattern6.test(data0)){
const err2 = {instancePath:instancePath+"/limit",schemaPath:"#/definitions/bandwidthRate/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"+"\"",schema:"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$",parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/limit",schemaPath:"#/definitions/bandwidthRate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data1 = data.timeZone;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err4 = {instancePath:instancePath+"/timeZone",schemaPath:"#/properties/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.properties.timeZone,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/timeZone",schemaPath:"#/properties/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.timeZone.type,parentSchema:schema29.properties.timeZone,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.schedule !== undefined){
let data2 = data.schedule;
if(Array.isArray(data2)){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema29.properties.schedule,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.from === undefined){
const err7 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema29.properties.schedule.items.required,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.to === undefined){
const err8 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema29.properties.schedule.items.required,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3.limit === undefined){
const err9 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/required",keyword:"required",params:{missingProperty: "limit"},message:"must have required property '"+"limit"+"'",schema:schema29.properties.schedule.items.required,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data3){
if(!((((key1 === "from") || (key1 === "to")) || (key1 === "days")) || (key1 === "limit"))){
const err10 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.from !== undefined){
let data4 = data3.from;
if(typeof data4 === "string"){
if(!pattern7.test(data4)){
const err11 = {instancePath:instancePath+"/schedule/" + i0+"/from",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/schedule/" + i0+"/from",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.to !== undefined){
let data5 = data3.to;
if(typeof data5 === "string"){
if(!pattern7.test(data5)){
const err13 = {instancePath:instancePath+"/schedule/" + i0+"/to",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/schedule/" + i0+"/to",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.days !== undefined){
let data6 = data3.days;
if(Array.isArray(data6)){
if(data6.length < 1){
const err15 = {instancePath:instancePath+"/schedule/" + i0+"/days",schemaPath:"#/properties/schedule/items/properties/days/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema29.properties.schedule.items.properties.days,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
let data7 = data6[i1];
if(typeof data7 !== "string"){
const err16 = {instancePath:instancePath+"/schedule/" + i0+"/days/" + i1,schemaPath:"#/definitions/weekday/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!(((((((data7 === "monday") || (data7 === "tuesday")) || (data7 === "wednesday")) || (data7 === "thursday")) || (data7 === "friday")) || (data7 === "saturday")) || (data7 === "sunday"))){
const err17 = {instancePath:instancePath+"/schedule/" + i0+"/days/" + i1,schemaPath:"#/definitions/weekday/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i2 = data6.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data6[i2], data6[j0])){
const err18 = {instancePath:instancePath+"/schedule/" + i0+"/days",schemaPath:"#/properties/schedule/items/properties/days/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema29.properties.schedule.items.properties.days,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/schedule/" + i0+"/days",schemaPath:"#/properties/schedule/items/properties/days/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.schedule.items.properties.days.type,parentSchema:schema29.properties.schedule.items.properties.days,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data3.limit !== undefined){
let data8 = data3.limit;
if(typeof data8 === "string"){
if(!pattern6.test(data8)){
const err20 = {instancePath:instancePath+"/schedule/" + i0+"/limit",schemaPath:"#/definitions/bandwidthRate/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"+"\"",schema:"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$",parentSchema:schema30,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/schedule/" + i0+"/limit",schemaPath:"#/definitions/bandwidthRate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.properties.schedule.items.type,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.schedule.type,parentSchema:schema29.properties.schedule,data:data2};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}

const pattern3 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="update-source.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("updops/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"defs.json#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "updops/v1"},message:"must be equal to constant",schema:"updops/v1",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("UpdateSource" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "UpdateSource"},message:"must be equal to constant",schema:"UpdateSource",parentSchema:schema22.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
if(!(validate15(data.metadata, {instancePath:instancePath+"/metadata",parentData:data,parentDataProperty:"metadata",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
if(data.spec !== undefined){
let data3 = data.spec;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.type === undefined){
const err7 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema22.properties.spec.required,parentSchema:schema22.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.url === undefined){
const err8 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema22.properties.spec.required,parentSchema:schema22.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data3){
if(!((((((((key1 === "type") || (key1 === "url")) || (key1 === "secretRef")) || (key1 === "proxy")) || (key1 === "timeoutSeconds")) || (key1 === "caFile")) || (key1 === "trustRoot")) || (key1 === "bandwidth"))){
const err9 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.type !== undefined){
let data4 = data3.type;
if(typeof data4 !== "string"){
const err10 = {instancePath:instancePath+"/spec/type",schemaPath:"#/properties/spec/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.spec.properties.type.type,parentSchema:schema22.properties.spec.properties.type,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!(((((data4 === "vendor") || (data4 === "upstream")) || (data4 === "http")) || (data4 === "ftp")) || (data4 === "folder"))){
const err11 = {instancePath:instancePath+"/spec/type",schemaPath:"#/properties/spec/properties/type/enum",keyword:"enum",params:{allowedValues: schema22.properties.spec.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema22.properties.spec.properties.type.enum,parentSchema:schema22.properties.spec.properties.type,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.url !== undefined){
let data5 = data3.url;
if(typeof data5 === "string"){
if(func2(data5) > 4096){
const err12 = {instancePath:instancePath+"/spec/url",schemaPath:"#/properties/spec/properties/url/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema22.properties.spec.properties.url,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func2(data5) < 1){
const err13 = {instancePath:instancePath+"/spec/url",schemaPath:"#/properties/spec/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.spec.properties.url,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/spec/url",schemaPath:"#/properties/spec/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.spec.properties.url.type,parentSchema:schema22.properties.spec.properties.url,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.secretRef !== undefined){
let data6 = data3.secretRef;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(Object.keys(data6).length > 1){
const err15 = {instancePath:instancePath+"/spec/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(Object.keys(data6).length < 1){
const err16 = {instancePath:instancePath+"/spec/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key2 in data6){
if(!((key2 === "env") || (key2 === "file"))){
const err17 = {instancePath:instancePath+"/spec/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6.env !== undefined){
let data7 = data6.env;
if(typeof data7 === "string"){
if(!pattern3.test(data7)){
const err18 = {instancePath:instancePath+"/spec/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/spec/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data6.file !== undefined){
let data8 = data6.file;
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err20 = {instancePath:instancePath+"/spec/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/spec/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/spec/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data3.proxy !== undefined){
let data9 = data3.proxy;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.url === undefined){
const err23 = {instancePath:instancePath+"/spec/proxy",schemaPath:"#/properties/spec/properties/proxy/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema22.properties.spec.properties.proxy.required,parentSchema:schema22.properties.spec.properties.proxy,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
for(const key3 in data9){
if(!((key3 === "url") || (key3 === "secretRef"))){
const err24 = {instancePath:instancePath+"/spec/proxy",schemaPath:"#/properties/spec/properties/proxy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.spec.properties.proxy,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data9.url !== undefined){
let data10 = data9.url;
if(typeof data10 === "string"){
if(!pattern1.test(data10)){
const err25 = {instancePath:instancePath+"/spec/proxy/url",schemaPath:"#/properties/spec/properties/proxy/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema22.properties.spec.properties.proxy.properties.url,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!(formats0(data10))){
const err26 = {instancePath:instancePath+"/spec/proxy/url",schemaPath:"#/properties/spec/properties/proxy/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema22.properties.spec.properties.proxy.properties.url,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/spec/proxy/url",schemaPath:"#/properties/spec/properties/proxy/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.spec.properties.proxy.properties.url.type,parentSchema:schema22.properties.spec.properties.proxy.properties.url,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data9.secretRef !== undefined){
let data11 = data9.secretRef;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(Object.keys(data11).length > 1){
const err28 = {instancePath:instancePath+"/spec/proxy/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(Object.keys(data11).length < 1){
const err29 = {instancePath:instancePath+"/spec/proxy/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
for(const key4 in data11){
if(!((key4 === "env") || (key4 === "file"))){
const err30 = {instancePath:instancePath+"/spec/proxy/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data11.env !== undefined){
let data12 = data11.env;
if(typeof data12 === "string"){
if(!pattern3.test(data12)){
const err31 = {instancePath:instancePath+"/spec/proxy/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/spec/proxy/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data11.file !== undefined){
let data13 = data11.file;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err33 = {instancePath:instancePath+"/spec/proxy/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/spec/proxy/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/spec/proxy/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/spec/proxy",schemaPath:"#/properties/spec/properties/proxy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.spec.properties.proxy.type,parentSchema:schema22.properties.spec.properties.proxy,data:data9};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data3.timeoutSeconds !== undefined){
let data14 = data3.timeoutSeconds;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err37 = {instancePath:instancePath+"/spec/timeoutSeconds",schemaPath:"#/properties/spec/properties/timeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema22.properties.spec.properties.timeoutSeconds.type,parentSchema:schema22.properties.spec.properties.timeoutSeconds,data:data14};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 120 || isNaN(data14)){
const err38 = {instancePath:instancePath+"/spec/timeoutSeconds",schemaPath:"#/properties/spec/properties/timeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 120},message:"must be <= 120",schema:120,parentSchema:schema22.properties.spec.properties.timeoutSeconds,data:data14};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data14 < 0 || isNaN(data14)){
const err39 = {instancePath:instancePath+"/spec/timeoutSeconds",schemaPath:"#/properties/spec/properties/timeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema22.properties.spec.properties.timeoutSeconds,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
if(data3.caFile !== undefined){
let data15 = data3.caFile;
if(typeof data15 === "string"){
if(func2(data15) < 1){
const err40 = {instancePath:instancePath+"/spec/caFile",schemaPath:"#/properties/spec/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.spec.properties.caFile,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/spec/caFile",schemaPath:"#/properties/spec/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.spec.properties.caFile.type,parentSchema:schema22.properties.spec.properties.caFile,data:data15};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data3.trustRoot !== undefined){
let data16 = data3.trustRoot;
if(typeof data16 === "string"){
if(func2(data16) < 1){
const err42 = {instancePath:instancePath+"/spec/trustRoot",schemaPath:"#/properties/spec/properties/trustRoot/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.spec.properties.trustRoot,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/spec/trustRoot",schemaPath:"#/properties/spec/properties/trustRoot/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.spec.properties.trustRoot.type,parentSchema:schema22.properties.spec.properties.trustRoot,data:data16};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data3.bandwidth !== undefined){
if(!(validate17(data3.bandwidth, {instancePath:instancePath+"/spec/bandwidth",parentData:data3,parentDataProperty:"bandwidth",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
}
else {
const err44 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.spec.type,parentSchema:schema22.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

exports.Task = validate19;
const schema35 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"task.json","title":"Task","description":"A task: what runs, where, and when (docs/design.md 1, tasks).","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"$ref":"defs.json#/definitions/apiVersion"},"kind":{"const":"Task"},"metadata":{"$ref":"defs.json#/definitions/metadata"},"spec":{"type":"object","required":["type"],"properties":{"type":{"type":"string","enum":["DownloadUpdatesToDistributionPoints","Update"]}},"discriminator":{"propertyName":"type"},"oneOf":[{"$ref":"#/definitions/downloadTaskSpec"},{"$ref":"#/definitions/updateTaskSpec"}]}},"definitions":{"downloadTaskSpec":{"title":"DownloadTaskSpec","type":"object","description":"Download updates to the repositories of distribution points (server side, per administration group). Only Windows DPs can run it: a Linux or macOS DP in scope fails, and so does the run. Defaults: `sources: [vendor]`, `schedule: {kind: manual}`.","additionalProperties":false,"required":["type","scope"],"properties":{"type":{"const":"DownloadUpdatesToDistributionPoints"},"scope":{"$ref":"#/definitions/scope"},"settings":{"title":"DownloadTaskSettings","type":"object","additionalProperties":false,"default":{},"properties":{"sources":{"$ref":"#/definitions/sources","default":["vendor"]},"downloadDiffFiles":{"type":"boolean","default":false,"description":"Also download diff files (deltas), so DPs and devices fetch only what changed."},"legacyScheme":{"type":"boolean","default":false,"description":"Download updates by using the old scheme (`SHA256SUMS`). Needed when a source holds only old-scheme metadata; otherwise the download fails."},"withholdingToleranceSeconds":{"type":"integer","minimum":1,"description":"Default 21600 (6 h; not filled in, so existing tasks keep their settings revision). A DP whose sources have had a newer TUF timestamp version than the one it serves for longer than this is shown as withholding updates (`updops status` FRESHNESS, event `DistributionPointWithholding`); a few sync periods. A DP serving an expired timestamp is withholding at once."},"components":{"type":"array","items":{"type":"string","minLength":1},"uniqueItems":true,"description":"Only these components (e.g. `databases`, `modules`). Default: all."},"bandwidth":{"$ref":"defs.json#/definitions/bandwidth","description":"Cap on each DP's download (per DP link): every DP's sync stays within it, whatever its sources."},"urgent":{"type":"boolean","description":"Urgent updates (e.g. antivirus databases during an outbreak): the sync ignores every bandwidth cap, the task's and its sources'. Absent: not urgent."}}},"verifyOn":{"title":"VerifyOn","type":"object","additionalProperties":false,"required":["task"],"description":"Verify updates on test devices before distributing them (docs/architecture.md \"Verify on test devices\"): each new release these DPs download goes first to the devices of the Update task `task` (started for them at once); the other devices these DPs serve stay on the last verified release until the test devices report it installed and healthy (after the restart and health check of a module install). A release the test devices fail is not distributed (event `UpdatesVerificationFailed`); the next release is verified anew, or a commit that changes this setting (e.g. bump `retry`) verifies the failed one again. Before the first release is verified, the other devices' runs are skipped. A device's own pin (`spec.version`, a Rollout) goes before the verified release. Absent: new releases go to every device at once.","properties":{"task":{"type":"string","minLength":1,"description":"The Update task of the test devices: its devices take each new release first."},"successThreshold":{"type":"integer","minimum":1,"maximum":100,"default":100,"description":"Percent of the test devices that must report the release installed and healthy for it to be distributed; it fails as soon as that can no longer be reached."},"pendingTimeout":{"type":"string","pattern":"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$","minLength":2,"default":"1h","description":"A test device that has not reported the release installed and healthy this long after the DPs got it counts as failed: `30s`, `10m`, `2h`, `1d`."},"retry":{"type":"integer","minimum":0,"description":"Bump to verify a failed release again by a commit (any change of this setting does)."}}},"schedule":{"$ref":"defs.json#/definitions/schedule","default":{"kind":"manual"}},"runMissed":{"$ref":"#/definitions/runMissed","default":false},"randomDelay":{"$ref":"defs.json#/definitions/randomDelay"}}},"updateTaskSpec":{"title":"UpdateTaskSpec","type":"object","description":"Update the databases and application modules of the security application on devices (endpoint side). Defaults: `sources: [vendor]` (`distributionPoint` names the device's DP), `schedule: {kind: everyMinutes, every: 60}`.","additionalProperties":false,"required":["type","scope"],"properties":{"type":{"const":"Update"},"scope":{"$ref":"#/definitions/scope"},"version":{"type":"string","minLength":1,"maxLength":100,"description":"Rings and pinning: the release this task's devices take, by its targets' `custom.version` (a content `VERSION` file, else the repository version number). The device takes the newest repository version carrying it, an older one if need be, still signed by the current keys and unexpired; the distribution points serving these devices keep that version too. Promotion is a commit changing it; `git revert` of that commit is the rollback. Absent: the current version."},"settings":{"title":"UpdateTaskSettings","type":"object","additionalProperties":false,"default":{},"properties":{"sources":{"$ref":"#/definitions/sources","default":["vendor"]},"applicationUpdateMode":{"type":"string","enum":["disabled","downloadOnly","downloadAndInstall"],"default":"downloadOnly","description":"What happens to application module updates."},"downloadDiffFiles":{"type":"boolean","default":true,"description":"Use diff files when the source has them (only what differs is downloaded)."},"outOfDateDays":{"type":"integer","minimum":1,"maximum":365,"default":3,"description":"Databases older than this are out of date (`BasesAreOutOfDate`)."},"totallyOutOfDateDays":{"type":"integer","minimum":1,"maximum":365,"default":7,"description":"Databases older than this are totally out of date (`BasesAreTotallyOutOfDate`)."},"healthCheck":{"title":"HealthCheck","type":"object","additionalProperties":false,"required":["command"],"description":"Run after a module update and restart; a failure rolls the application back to the previous version.","properties":{"command":{"type":"string","minLength":1},"timeoutSeconds":{"type":"integer","minimum":1,"maximum":3600,"default":30}}},"bandwidth":{"$ref":"defs.json#/definitions/bandwidth","description":"Cap on each device's downloads (databases and modules)."},"maintenanceWindows":{"type":"array","minItems":1,"items":{"$ref":"defs.json#/definitions/maintenanceWindow"},"description":"When modules may be installed and the application restarted (`applicationUpdateMode: downloadAndInstall`): downloads happen whenever the task runs, but outside every window the install waits for the next window to open (the device result says when) and the agent installs then. Absent: any time."},"urgent":{"type":"boolean","description":"Urgent updates: downloads ignore bandwidth caps (the task's and its sources') and installs ignore maintenanceWindows. Absent: not urgent."}}},"schedule":{"$ref":"defs.json#/definitions/schedule","default":{"kind":"everyMinutes","every":60}},"runMissed":{"$ref":"#/definitions/runMissed","default":false},"randomDelay":{"$ref":"defs.json#/definitions/randomDelay"}}},"scope":{"title":"TaskScope","description":"Where the task runs: an administration group (with its subgroups by default), an explicit list of devices and DPs, or the devices whose labels match a selector (in one group's subtree when `group` is given too; seed 001 \"device selection\").","oneOf":[{"title":"GroupScope","type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"type":"string","minLength":1},"includeSubgroups":{"type":"boolean","default":true},"selector":{"$ref":"#/definitions/labelSelector"}}},{"title":"DeviceScope","type":"object","additionalProperties":false,"required":["devices"],"properties":{"devices":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1}}}},{"title":"SelectorScope","type":"object","additionalProperties":false,"required":["selector"],"properties":{"selector":{"$ref":"#/definitions/labelSelector"}}}]},"sources":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1},"description":"UpdateSource names, tried in order; later ones are fallbacks. `vendor` is the source named `vendor`, or else the only source of type `vendor`."},"runMissed":{"type":"boolean","description":"Run missed tasks: a device not reachable at the start runs the task when next seen (for manual/once/immediately: as soon as it is visible or joins the scope)."},"labelSelector":{"title":"LabelSelector","type":"object","additionalProperties":false,"required":["matchLabels"],"description":"Devices whose `labels` have every key with exactly the given value. DPs have no labels, so a scope with a selector holds devices only: a download task (DownloadUpdatesToDistributionPoints) cannot use one.","properties":{"matchLabels":{"type":"object","minProperties":1,"additionalProperties":{"type":"string","maxLength":1000},"propertyNames":{"maxLength":100},"description":"Label key → value; all must match."}}}}};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "labels")) || (key0 === "annotations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.name.type,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
const _errs7 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 100){
const err4 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var valid2 = _errs7 === errors;
if(!valid2){
const err5 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
for(const key2 in data1){
let data2 = data1[key2];
if(typeof data2 === "string"){
if(func2(data2) > 1000){
const err6 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.annotations !== undefined){
let data3 = data.annotations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key3 in data3){
const _errs14 = errors;
if(typeof key3 === "string"){
if(func2(key3) > 100){
const err9 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid5 = _errs14 === errors;
if(!valid5){
const err10 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key4 in data3){
let data4 = data3[key4];
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err11 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const schema40 = {"title":"DownloadTaskSpec","type":"object","description":"Download updates to the repositories of distribution points (server side, per administration group). Only Windows DPs can run it: a Linux or macOS DP in scope fails, and so does the run. Defaults: `sources: [vendor]`, `schedule: {kind: manual}`.","additionalProperties":false,"required":["type","scope"],"properties":{"type":{"const":"DownloadUpdatesToDistributionPoints"},"scope":{"$ref":"#/definitions/scope"},"settings":{"title":"DownloadTaskSettings","type":"object","additionalProperties":false,"default":{},"properties":{"sources":{"$ref":"#/definitions/sources","default":["vendor"]},"downloadDiffFiles":{"type":"boolean","default":false,"description":"Also download diff files (deltas), so DPs and devices fetch only what changed."},"legacyScheme":{"type":"boolean","default":false,"description":"Download updates by using the old scheme (`SHA256SUMS`). Needed when a source holds only old-scheme metadata; otherwise the download fails."},"withholdingToleranceSeconds":{"type":"integer","minimum":1,"description":"Default 21600 (6 h; not filled in, so existing tasks keep their settings revision). A DP whose sources have had a newer TUF timestamp version than the one it serves for longer than this is shown as withholding updates (`updops status` FRESHNESS, event `DistributionPointWithholding`); a few sync periods. A DP serving an expired timestamp is withholding at once."},"components":{"type":"array","items":{"type":"string","minLength":1},"uniqueItems":true,"description":"Only these components (e.g. `databases`, `modules`). Default: all."},"bandwidth":{"$ref":"defs.json#/definitions/bandwidth","description":"Cap on each DP's download (per DP link): every DP's sync stays within it, whatever its sources."},"urgent":{"type":"boolean","description":"Urgent updates (e.g. antivirus databases during an outbreak): the sync ignores every bandwidth cap, the task's and its sources'. Absent: not urgent."}}},"verifyOn":{"title":"VerifyOn","type":"object","additionalProperties":false,"required":["task"],"description":"Verify updates on test devices before distributing them (docs/architecture.md \"Verify on test devices\"): each new release these DPs download goes first to the devices of the Update task `task` (started for them at once); the other devices these DPs serve stay on the last verified release until the test devices report it installed and healthy (after the restart and health check of a module install). A release the test devices fail is not distributed (event `UpdatesVerificationFailed`); the next release is verified anew, or a commit that changes this setting (e.g. bump `retry`) verifies the failed one again. Before the first release is verified, the other devices' runs are skipped. A device's own pin (`spec.version`, a Rollout) goes before the verified release. Absent: new releases go to every device at once.","properties":{"task":{"type":"string","minLength":1,"description":"The Update task of the test devices: its devices take each new release first."},"successThreshold":{"type":"integer","minimum":1,"maximum":100,"default":100,"description":"Percent of the test devices that must report the release installed and healthy for it to be distributed; it fails as soon as that can no longer be reached."},"pendingTimeout":{"type":"string","pattern":"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$","minLength":2,"default":"1h","description":"A test device that has not reported the release installed and healthy this long after the DPs got it counts as failed: `30s`, `10m`, `2h`, `1d`."},"retry":{"type":"integer","minimum":0,"description":"Bump to verify a failed release again by a commit (any change of this setting does)."}}},"schedule":{"$ref":"defs.json#/definitions/schedule","default":{"kind":"manual"}},"runMissed":{"$ref":"#/definitions/runMissed","default":false},"randomDelay":{"$ref":"defs.json#/definitions/randomDelay"}}};
const schema44 = {"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1},"description":"UpdateSource names, tried in order; later ones are fallbacks. `vendor` is the source named `vendor`, or else the only source of type `vendor`."};
const schema94 = {"type":"boolean","description":"Run missed tasks: a device not reachable at the start runs the task when next seen (for manual/once/immediately: as soon as it is visible or joins the scope)."};
const schema95 = {"title":"RandomDelay","description":"Spread starts over devices: `{automatic: true}` computes the window from the number of devices in scope; `{minutes: N}` spreads uniformly within N minutes (default 1). Absent: starts exactly on schedule.","oneOf":[{"type":"object","additionalProperties":false,"required":["automatic"],"properties":{"automatic":{"const":true}}},{"type":"object","additionalProperties":false,"properties":{"minutes":{"type":"integer","minimum":1,"maximum":1440,"default":1}}}]};
const schema41 = {"title":"TaskScope","description":"Where the task runs: an administration group (with its subgroups by default), an explicit list of devices and DPs, or the devices whose labels match a selector (in one group's subtree when `group` is given too; seed 001 \"device selection\").","oneOf":[{"title":"GroupScope","type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"type":"string","minLength":1},"includeSubgroups":{"type":"boolean","default":true},"selector":{"$ref":"#/definitions/labelSelector"}}},{"title":"DeviceScope","type":"object","additionalProperties":false,"required":["devices"],"properties":{"devices":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1}}}},{"title":"SelectorScope","type":"object","additionalProperties":false,"required":["selector"],"properties":{"selector":{"$ref":"#/definitions/labelSelector"}}}]};
const schema42 = {"title":"LabelSelector","type":"object","additionalProperties":false,"required":["matchLabels"],"description":"Devices whose `labels` have every key with exactly the given value. DPs have no labels, so a scope with a selector holds devices only: a download task (DownloadUpdatesToDistributionPoints) cannot use one.","properties":{"matchLabels":{"type":"object","minProperties":1,"additionalProperties":{"type":"string","maxLength":1000},"propertyNames":{"maxLength":100},"description":"Label key → value; all must match."}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.group === undefined){
const err0 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: "group"},message:"must have required property '"+"group"+"'",schema:schema41.oneOf[0].required,parentSchema:schema41.oneOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "group") || (key0 === "includeSubgroups")) || (key0 === "selector"))){
const err1 = {instancePath,schemaPath:"#/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.group !== undefined){
let data0 = data.group;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/group",schemaPath:"#/oneOf/0/properties/group/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.oneOf[0].properties.group,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/group",schemaPath:"#/oneOf/0/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[0].properties.group.type,parentSchema:schema41.oneOf[0].properties.group,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.includeSubgroups !== undefined){
let data1 = data.includeSubgroups;
if(typeof data1 !== "boolean"){
const err4 = {instancePath:instancePath+"/includeSubgroups",schemaPath:"#/oneOf/0/properties/includeSubgroups/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema41.oneOf[0].properties.includeSubgroups.type,parentSchema:schema41.oneOf[0].properties.includeSubgroups,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.selector !== undefined){
let data2 = data.selector;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.matchLabels === undefined){
const err5 = {instancePath:instancePath+"/selector",schemaPath:"#/definitions/labelSelector/required",keyword:"required",params:{missingProperty: "matchLabels"},message:"must have required property '"+"matchLabels"+"'",schema:schema42.required,parentSchema:schema42,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data2){
if(!(key1 === "matchLabels")){
const err6 = {instancePath:instancePath+"/selector",schemaPath:"#/definitions/labelSelector/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.matchLabels !== undefined){
let data3 = data2.matchLabels;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(Object.keys(data3).length < 1){
const err7 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema42.properties.matchLabels,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key2 in data3){
const _errs14 = errors;
if(typeof key2 === "string"){
if(func2(key2) > 100){
const err8 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema42.properties.matchLabels.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
var valid4 = _errs14 === errors;
if(!valid4){
const err9 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema42.properties.matchLabels.propertyNames,parentSchema:schema42.properties.matchLabels,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
for(const key3 in data3){
let data4 = data3[key3];
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err10 = {instancePath:instancePath+"/selector/matchLabels/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labelSelector/properties/matchLabels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema42.properties.matchLabels.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/selector/matchLabels/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labelSelector/properties/matchLabels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.matchLabels.additionalProperties.type,parentSchema:schema42.properties.matchLabels.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.properties.matchLabels.type,parentSchema:schema42.properties.matchLabels,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/selector",schemaPath:"#/definitions/labelSelector/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[0].type,parentSchema:schema41.oneOf[0],data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs18 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.devices === undefined){
const err15 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "devices"},message:"must have required property '"+"devices"+"'",schema:schema41.oneOf[1].required,parentSchema:schema41.oneOf[1],data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key4 in data){
if(!(key4 === "devices")){
const err16 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[1],data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.devices !== undefined){
let data5 = data.devices;
if(Array.isArray(data5)){
if(data5.length < 1){
const err17 = {instancePath:instancePath+"/devices",schemaPath:"#/oneOf/1/properties/devices/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.oneOf[1].properties.devices,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err18 = {instancePath:instancePath+"/devices/" + i0,schemaPath:"#/oneOf/1/properties/devices/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.oneOf[1].properties.devices.items,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/devices/" + i0,schemaPath:"#/oneOf/1/properties/devices/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[1].properties.devices.items.type,parentSchema:schema41.oneOf[1].properties.devices.items,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let i1 = data5.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data5[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err20 = {instancePath:instancePath+"/devices",schemaPath:"#/oneOf/1/properties/devices/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema41.oneOf[1].properties.devices,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err21 = {instancePath:instancePath+"/devices",schemaPath:"#/oneOf/1/properties/devices/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.oneOf[1].properties.devices.type,parentSchema:schema41.oneOf[1].properties.devices,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[1].type,parentSchema:schema41.oneOf[1],data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
var _valid0 = _errs18 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs25 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.selector === undefined){
const err23 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "selector"},message:"must have required property '"+"selector"+"'",schema:schema41.oneOf[2].required,parentSchema:schema41.oneOf[2],data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
for(const key5 in data){
if(!(key5 === "selector")){
const err24 = {instancePath,schemaPath:"#/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[2],data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.selector !== undefined){
let data7 = data.selector;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.matchLabels === undefined){
const err25 = {instancePath:instancePath+"/selector",schemaPath:"#/definitions/labelSelector/required",keyword:"required",params:{missingProperty: "matchLabels"},message:"must have required property '"+"matchLabels"+"'",schema:schema42.required,parentSchema:schema42,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key6 in data7){
if(!(key6 === "matchLabels")){
const err26 = {instancePath:instancePath+"/selector",schemaPath:"#/definitions/labelSelector/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data7.matchLabels !== undefined){
let data8 = data7.matchLabels;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(Object.keys(data8).length < 1){
const err27 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema42.properties.matchLabels,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key7 in data8){
const _errs34 = errors;
if(typeof key7 === "string"){
if(func2(key7) > 100){
const err28 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema42.properties.matchLabels.propertyNames,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
var valid13 = _errs34 === errors;
if(!valid13){
const err29 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/propertyNames",keyword:"propertyNames",params:{propertyName: key7},message:"property name must be valid",schema:schema42.properties.matchLabels.propertyNames,parentSchema:schema42.properties.matchLabels,data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
for(const key8 in data8){
let data9 = data8[key8];
if(typeof data9 === "string"){
if(func2(data9) > 1000){
const err30 = {instancePath:instancePath+"/selector/matchLabels/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labelSelector/properties/matchLabels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema42.properties.matchLabels.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/selector/matchLabels/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labelSelector/properties/matchLabels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.matchLabels.additionalProperties.type,parentSchema:schema42.properties.matchLabels.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"#/definitions/labelSelector/properties/matchLabels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.properties.matchLabels.type,parentSchema:schema42.properties.matchLabels,data:data8};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/selector",schemaPath:"#/definitions/labelSelector/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data:data7};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[2].type,parentSchema:schema41.oneOf[2],data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
var _valid0 = _errs25 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
}
}
if(!valid0){
const err35 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema41.oneOf,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate23.errors = vErrors;
return errors === 0;
}


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 1){
const err0 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "limit") || (key0 === "timeZone")) || (key0 === "schedule"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.limit !== undefined){
let data0 = data.limit;
if(typeof data0 === "string"){
if(!pattern6.test(data0)){
const err2 = {instancePath:instancePath+"/limit",schemaPath:"#/definitions/bandwidthRate/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"+"\"",schema:"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$",parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/limit",schemaPath:"#/definitions/bandwidthRate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data1 = data.timeZone;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err4 = {instancePath:instancePath+"/timeZone",schemaPath:"#/properties/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.properties.timeZone,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/timeZone",schemaPath:"#/properties/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.timeZone.type,parentSchema:schema29.properties.timeZone,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.schedule !== undefined){
let data2 = data.schedule;
if(Array.isArray(data2)){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema29.properties.schedule,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.from === undefined){
const err7 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema29.properties.schedule.items.required,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.to === undefined){
const err8 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema29.properties.schedule.items.required,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3.limit === undefined){
const err9 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/required",keyword:"required",params:{missingProperty: "limit"},message:"must have required property '"+"limit"+"'",schema:schema29.properties.schedule.items.required,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data3){
if(!((((key1 === "from") || (key1 === "to")) || (key1 === "days")) || (key1 === "limit"))){
const err10 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.from !== undefined){
let data4 = data3.from;
if(typeof data4 === "string"){
if(!pattern7.test(data4)){
const err11 = {instancePath:instancePath+"/schedule/" + i0+"/from",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/schedule/" + i0+"/from",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.to !== undefined){
let data5 = data3.to;
if(typeof data5 === "string"){
if(!pattern7.test(data5)){
const err13 = {instancePath:instancePath+"/schedule/" + i0+"/to",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/schedule/" + i0+"/to",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.days !== undefined){
let data6 = data3.days;
if(Array.isArray(data6)){
if(data6.length < 1){
const err15 = {instancePath:instancePath+"/schedule/" + i0+"/days",schemaPath:"#/properties/schedule/items/properties/days/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema29.properties.schedule.items.properties.days,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
let data7 = data6[i1];
if(typeof data7 !== "string"){
const err16 = {instancePath:instancePath+"/schedule/" + i0+"/days/" + i1,schemaPath:"#/definitions/weekday/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!(((((((data7 === "monday") || (data7 === "tuesday")) || (data7 === "wednesday")) || (data7 === "thursday")) || (data7 === "friday")) || (data7 === "saturday")) || (data7 === "sunday"))){
const err17 = {instancePath:instancePath+"/schedule/" + i0+"/days/" + i1,schemaPath:"#/definitions/weekday/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i2 = data6.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data6[i2], data6[j0])){
const err18 = {instancePath:instancePath+"/schedule/" + i0+"/days",schemaPath:"#/properties/schedule/items/properties/days/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema29.properties.schedule.items.properties.days,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/schedule/" + i0+"/days",schemaPath:"#/properties/schedule/items/properties/days/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.schedule.items.properties.days.type,parentSchema:schema29.properties.schedule.items.properties.days,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data3.limit !== undefined){
let data8 = data3.limit;
if(typeof data8 === "string"){
if(!pattern6.test(data8)){
const err20 = {instancePath:instancePath+"/schedule/" + i0+"/limit",schemaPath:"#/definitions/bandwidthRate/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$"+"\"",schema:"^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|KiB|MB|MiB|GB|GiB)/s$",parentSchema:schema30,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/schedule/" + i0+"/limit",schemaPath:"#/definitions/bandwidthRate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/schedule/" + i0,schemaPath:"#/properties/schedule/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.properties.schedule.items.type,parentSchema:schema29.properties.schedule.items,data:data3};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.schedule.type,parentSchema:schema29.properties.schedule,data:data2};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}

const schema51 = {"type":"object","description":"When the task starts (docs/design.md 1, schedules). Defaults per kind follow the seed documents.","required":["kind"],"oneOf":[{"$ref":"#/definitions/scheduleManual"},{"$ref":"#/definitions/scheduleEveryMinutes"},{"$ref":"#/definitions/scheduleEveryHours"},{"$ref":"#/definitions/scheduleEveryDays"},{"$ref":"#/definitions/scheduleEveryWeeks"},{"$ref":"#/definitions/scheduleDailyNoDst"},{"$ref":"#/definitions/scheduleWeekly"},{"$ref":"#/definitions/scheduleDaysOfWeek"},{"$ref":"#/definitions/scheduleMonthly"},{"$ref":"#/definitions/scheduleMonthlyByWeeks"},{"$ref":"#/definitions/scheduleOnOutbreak"},{"$ref":"#/definitions/scheduleOnTaskCompletion"},{"$ref":"#/definitions/scheduleOnce"},{"$ref":"#/definitions/scheduleImmediately"},{"$ref":"#/definitions/scheduleCron"}],"discriminator":{"propertyName":"kind"}};
const schema92 = {"title":"ScheduleOnOutbreak","type":"object","description":"When a virus-outbreak event arrives from one of the chosen application types. Default: all three.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"onOutbreak"},"applicationTypes":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","enum":["workstationsAndFileServers","perimeter","mail"]},"default":["workstationsAndFileServers","perimeter","mail"]}}};
const schema93 = {"title":"ScheduleOnTaskCompletion","type":"object","description":"After another task completes with the chosen outcome; only for devices both tasks share.","additionalProperties":false,"required":["kind","task"],"properties":{"kind":{"const":"onTaskCompletion"},"task":{"type":"string","minLength":1,"description":"Name of the task whose completion starts this one."},"outcome":{"type":"string","enum":["success","failure","any"],"default":"success"}}};
const schema52 = {"title":"ScheduleManual","type":"object","description":"Only started by hand (`updops run`, the API). Default for download tasks.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"manual"},"timeZone":{"$ref":"#/definitions/timeZone"}}};
const schema53 = {"type":"string","minLength":1,"description":"IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone."};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "kind") || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("manual" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "manual"},message:"must be equal to constant",schema:"manual",parentSchema:schema52.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data1 = data.timeZone;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err3 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}

const schema54 = {"title":"ScheduleEveryMinutes","type":"object","description":"Every N minutes from `start` (default: when the task was first applied).","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"everyMinutes"},"every":{"type":"integer","minimum":1,"maximum":10080,"default":30},"start":{"$ref":"#/definitions/dateTime"},"timeZone":{"$ref":"#/definitions/timeZone"}}};
const schema55 = {"type":"string","format":"date-time","description":"ISO 8601 date-time with offset, e.g. `2026-12-01T18:00:00+01:00`."};
const formats6 = require("ajv-formats/dist/formats").fullFormats["date-time"];

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema54.required,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "every")) || (key0 === "start")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("everyMinutes" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "everyMinutes"},message:"must be equal to constant",schema:"everyMinutes",parentSchema:schema54.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.every !== undefined){
let data1 = data.every;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.every.type,parentSchema:schema54.properties.every,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 10080 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10080},message:"must be <= 10080",schema:10080,parentSchema:schema54.properties.every,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema54.properties.every,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.start !== undefined){
let data2 = data.start;
if(typeof data2 === "string"){
if(!(formats6.validate(data2))){
const err6 = {instancePath:instancePath+"/start",schemaPath:"#/definitions/dateTime/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema55,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/start",schemaPath:"#/definitions/dateTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data3 = data.timeZone;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}

const schema57 = {"title":"ScheduleEveryHours","type":"object","description":"Every N hours from `start` (default: when the task was first applied).","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"everyHours"},"every":{"type":"integer","minimum":1,"maximum":8760,"default":6},"start":{"$ref":"#/definitions/dateTime"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema57.required,parentSchema:schema57,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "every")) || (key0 === "start")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema57,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("everyHours" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "everyHours"},message:"must be equal to constant",schema:"everyHours",parentSchema:schema57.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.every !== undefined){
let data1 = data.every;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.every.type,parentSchema:schema57.properties.every,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 8760 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8760},message:"must be <= 8760",schema:8760,parentSchema:schema57.properties.every,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema57.properties.every,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.start !== undefined){
let data2 = data.start;
if(typeof data2 === "string"){
if(!(formats6.validate(data2))){
const err6 = {instancePath:instancePath+"/start",schemaPath:"#/definitions/dateTime/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema55,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/start",schemaPath:"#/definitions/dateTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data3 = data.timeZone;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema57.type,parentSchema:schema57,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}

const schema60 = {"title":"ScheduleEveryDays","type":"object","description":"Every N days; `start` is the first run (default: when the task was first applied).","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"everyDays"},"every":{"type":"integer","minimum":1,"maximum":366,"default":1},"start":{"$ref":"#/definitions/dateTime"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema60.required,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "every")) || (key0 === "start")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("everyDays" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "everyDays"},message:"must be equal to constant",schema:"everyDays",parentSchema:schema60.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.every !== undefined){
let data1 = data.every;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.every.type,parentSchema:schema60.properties.every,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 366 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/maximum",keyword:"maximum",params:{comparison: "<=", limit: 366},message:"must be <= 366",schema:366,parentSchema:schema60.properties.every,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema60.properties.every,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.start !== undefined){
let data2 = data.start;
if(typeof data2 === "string"){
if(!(formats6.validate(data2))){
const err6 = {instancePath:instancePath+"/start",schemaPath:"#/definitions/dateTime/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema55,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/start",schemaPath:"#/definitions/dateTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data3 = data.timeZone;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.type,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}

const schema63 = {"title":"ScheduleEveryWeeks","type":"object","description":"Every N weeks on `day` at `time` (default time: the time of day the task was first applied).","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"everyWeeks"},"every":{"type":"integer","minimum":1,"maximum":52,"default":1},"day":{"$ref":"#/definitions/weekday","default":"monday"},"time":{"$ref":"#/definitions/timeOfDay"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema63.required,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "kind") || (key0 === "every")) || (key0 === "day")) || (key0 === "time")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("everyWeeks" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "everyWeeks"},message:"must be equal to constant",schema:"everyWeeks",parentSchema:schema63.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.every !== undefined){
let data1 = data.every;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.properties.every.type,parentSchema:schema63.properties.every,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 52 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/maximum",keyword:"maximum",params:{comparison: "<=", limit: 52},message:"must be <= 52",schema:52,parentSchema:schema63.properties.every,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63.properties.every,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.day !== undefined){
let data2 = data.day;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/day",schemaPath:"#/definitions/weekday/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((((((data2 === "monday") || (data2 === "tuesday")) || (data2 === "wednesday")) || (data2 === "thursday")) || (data2 === "friday")) || (data2 === "saturday")) || (data2 === "sunday"))){
const err7 = {instancePath:instancePath+"/day",schemaPath:"#/definitions/weekday/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.time !== undefined){
let data3 = data.time;
if(typeof data3 === "string"){
if(!pattern7.test(data3)){
const err8 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data4 = data.timeZone;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err10 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema63.type,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}

const schema67 = {"title":"ScheduleDailyNoDst","type":"object","description":"Legacy: every N days at `time` at a fixed UTC offset; clock changes (DST) do not move it. Not recommended.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"dailyNoDst"},"every":{"type":"integer","minimum":1,"maximum":366,"default":1},"time":{"$ref":"#/definitions/timeOfDay"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema67.required,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "every")) || (key0 === "time")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("dailyNoDst" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "dailyNoDst"},message:"must be equal to constant",schema:"dailyNoDst",parentSchema:schema67.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.every !== undefined){
let data1 = data.every;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema67.properties.every.type,parentSchema:schema67.properties.every,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 366 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/maximum",keyword:"maximum",params:{comparison: "<=", limit: 366},message:"must be <= 366",schema:366,parentSchema:schema67.properties.every,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/every",schemaPath:"#/properties/every/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema67.properties.every,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.time !== undefined){
let data2 = data.time;
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err6 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data3 = data.timeZone;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.type,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate33.errors = vErrors;
return errors === 0;
}

const schema70 = {"title":"ScheduleWeekly","type":"object","description":"Every week on one weekday at one time.","additionalProperties":false,"required":["kind","day","time"],"properties":{"kind":{"const":"weekly"},"day":{"$ref":"#/definitions/weekday"},"time":{"$ref":"#/definitions/timeOfDay"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema70.required,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.day === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "day"},message:"must have required property '"+"day"+"'",schema:schema70.required,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.time === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema70.required,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "day")) || (key0 === "time")) || (key0 === "timeZone"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("weekly" !== data0){
const err4 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "weekly"},message:"must be equal to constant",schema:"weekly",parentSchema:schema70.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.day !== undefined){
let data1 = data.day;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/day",schemaPath:"#/definitions/weekday/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!(((((((data1 === "monday") || (data1 === "tuesday")) || (data1 === "wednesday")) || (data1 === "thursday")) || (data1 === "friday")) || (data1 === "saturday")) || (data1 === "sunday"))){
const err6 = {instancePath:instancePath+"/day",schemaPath:"#/definitions/weekday/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.time !== undefined){
let data2 = data.time;
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err7 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data3 = data.timeZone;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema70.type,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}

const schema74 = {"title":"ScheduleDaysOfWeek","type":"object","description":"On several weekdays at one time. Default: Friday at 18:00.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"daysOfWeek"},"days":{"type":"array","items":{"$ref":"#/definitions/weekday"},"uniqueItems":true,"default":["friday"]},"time":{"$ref":"#/definitions/timeOfDay","default":"18:00:00"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "days")) || (key0 === "time")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("daysOfWeek" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "daysOfWeek"},message:"must be equal to constant",schema:"daysOfWeek",parentSchema:schema74.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.days !== undefined){
let data1 = data.days;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 !== "string"){
const err3 = {instancePath:instancePath+"/days/" + i0,schemaPath:"#/definitions/weekday/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!(((((((data2 === "monday") || (data2 === "tuesday")) || (data2 === "wednesday")) || (data2 === "thursday")) || (data2 === "friday")) || (data2 === "saturday")) || (data2 === "sunday"))){
const err4 = {instancePath:instancePath+"/days/" + i0,schemaPath:"#/definitions/weekday/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err5 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema74.properties.days,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err6 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema74.properties.days.type,parentSchema:schema74.properties.days,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.time !== undefined){
let data3 = data.time;
if(typeof data3 === "string"){
if(!pattern7.test(data3)){
const err7 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data4 = data.timeZone;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema74.type,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}

const schema78 = {"title":"ScheduleMonthly","type":"object","description":"On day `day` of each month; months without that day use their last day. Default day 1.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"monthly"},"day":{"type":"integer","minimum":1,"maximum":31,"default":1},"time":{"$ref":"#/definitions/timeOfDay"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema78.required,parentSchema:schema78,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "kind") || (key0 === "day")) || (key0 === "time")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema78,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("monthly" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "monthly"},message:"must be equal to constant",schema:"monthly",parentSchema:schema78.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.day !== undefined){
let data1 = data.day;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/day",schemaPath:"#/properties/day/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.properties.day.type,parentSchema:schema78.properties.day,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 31 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/day",schemaPath:"#/properties/day/maximum",keyword:"maximum",params:{comparison: "<=", limit: 31},message:"must be <= 31",schema:31,parentSchema:schema78.properties.day,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/day",schemaPath:"#/properties/day/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema78.properties.day,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.time !== undefined){
let data2 = data.time;
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err6 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data3 = data.timeZone;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema78.type,parentSchema:schema78,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate36.errors = vErrors;
return errors === 0;
}

const schema81 = {"title":"ScheduleMonthlyByWeeks","type":"object","description":"On the chosen weekdays of the chosen weeks (1st–4th, last) of each month. Nothing is chosen by default, and a schedule with nothing chosen is invalid.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"monthlyByWeeks"},"weeks":{"type":"array","uniqueItems":true,"items":{"oneOf":[{"type":"integer","minimum":1,"maximum":4},{"const":"last"}]},"default":[]},"days":{"type":"array","items":{"$ref":"#/definitions/weekday"},"uniqueItems":true,"default":[]},"time":{"$ref":"#/definitions/timeOfDay","default":"18:00:00"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema81.required,parentSchema:schema81,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "kind") || (key0 === "weeks")) || (key0 === "days")) || (key0 === "time")) || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema81,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("monthlyByWeeks" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "monthlyByWeeks"},message:"must be equal to constant",schema:"monthlyByWeeks",parentSchema:schema81.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.weeks !== undefined){
let data1 = data.weeks;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
const _errs6 = errors;
let valid3 = false;
let passing0 = null;
const _errs7 = errors;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/weeks/" + i0,schemaPath:"#/properties/weeks/items/oneOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema81.properties.weeks.items.oneOf[0].type,parentSchema:schema81.properties.weeks.items.oneOf[0],data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 4 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/weeks/" + i0,schemaPath:"#/properties/weeks/items/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4},message:"must be <= 4",schema:4,parentSchema:schema81.properties.weeks.items.oneOf[0],data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/weeks/" + i0,schemaPath:"#/properties/weeks/items/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema81.properties.weeks.items.oneOf[0],data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
if(_valid0){
valid3 = true;
passing0 = 0;
}
const _errs9 = errors;
if("last" !== data2){
const err6 = {instancePath:instancePath+"/weeks/" + i0,schemaPath:"#/properties/weeks/items/oneOf/1/const",keyword:"const",params:{allowedValue: "last"},message:"must be equal to constant",schema:"last",parentSchema:schema81.properties.weeks.items.oneOf[1],data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var _valid0 = _errs9 === errors;
if(_valid0 && valid3){
valid3 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid3 = true;
passing0 = 1;
}
}
if(!valid3){
const err7 = {instancePath:instancePath+"/weeks/" + i0,schemaPath:"#/properties/weeks/items/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema81.properties.weeks.items.oneOf,parentSchema:schema81.properties.weeks.items,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err8 = {instancePath:instancePath+"/weeks",schemaPath:"#/properties/weeks/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema81.properties.weeks,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/weeks",schemaPath:"#/properties/weeks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema81.properties.weeks.type,parentSchema:schema81.properties.weeks,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.days !== undefined){
let data3 = data.days;
if(Array.isArray(data3)){
const len1 = data3.length;
for(let i2=0; i2<len1; i2++){
let data4 = data3[i2];
if(typeof data4 !== "string"){
const err10 = {instancePath:instancePath+"/days/" + i2,schemaPath:"#/definitions/weekday/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!(((((((data4 === "monday") || (data4 === "tuesday")) || (data4 === "wednesday")) || (data4 === "thursday")) || (data4 === "friday")) || (data4 === "saturday")) || (data4 === "sunday"))){
const err11 = {instancePath:instancePath+"/days/" + i2,schemaPath:"#/definitions/weekday/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
let i3 = data3.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data3[i3], data3[j1])){
const err12 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema81.properties.days,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema81.properties.days.type,parentSchema:schema81.properties.days,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.time !== undefined){
let data5 = data.time;
if(typeof data5 === "string"){
if(!pattern7.test(data5)){
const err14 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",parentSchema:schema31,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/time",schemaPath:"#/definitions/timeOfDay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.type,parentSchema:schema31,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data6 = data.timeZone;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err16 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema81.type,parentSchema:schema81,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate37.errors = vErrors;
return errors === 0;
}

const schema85 = {"title":"ScheduleOnce","type":"object","description":"One start at `at`.","additionalProperties":false,"required":["kind","at"],"properties":{"kind":{"const":"once"},"at":{"$ref":"#/definitions/dateTime"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.at === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "at"},message:"must have required property '"+"at"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "at")) || (key0 === "timeZone"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("once" !== data0){
const err3 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "once"},message:"must be equal to constant",schema:"once",parentSchema:schema85.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.at !== undefined){
let data1 = data.at;
if(typeof data1 === "string"){
if(!(formats6.validate(data1))){
const err4 = {instancePath:instancePath+"/at",schemaPath:"#/definitions/dateTime/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema55,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/at",schemaPath:"#/definitions/dateTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data2 = data.timeZone;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err6 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema85.type,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}

const schema88 = {"title":"ScheduleImmediately","type":"object","description":"One start when the task is applied.","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"immediately"},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema88.required,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "kind") || (key0 === "timeZone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("immediately" !== data0){
const err2 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "immediately"},message:"must be equal to constant",schema:"immediately",parentSchema:schema88.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data1 = data.timeZone;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err3 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema88.type,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate39.errors = vErrors;
return errors === 0;
}

const schema90 = {"title":"ScheduleCron","type":"object","description":"A cron expression (5 or 6 fields), evaluated in `timeZone`.","additionalProperties":false,"required":["kind","expression"],"properties":{"kind":{"const":"cron"},"expression":{"type":"string","minLength":1,"maxLength":200},"timeZone":{"$ref":"#/definitions/timeZone"}}};

function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema90.required,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.expression === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expression"},message:"must have required property '"+"expression"+"'",schema:schema90.required,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "expression")) || (key0 === "timeZone"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("cron" !== data0){
const err3 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "cron"},message:"must be equal to constant",schema:"cron",parentSchema:schema90.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.expression !== undefined){
let data1 = data.expression;
if(typeof data1 === "string"){
if(func2(data1) > 200){
const err4 = {instancePath:instancePath+"/expression",schemaPath:"#/properties/expression/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema90.properties.expression,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func2(data1) < 1){
const err5 = {instancePath:instancePath+"/expression",schemaPath:"#/properties/expression/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema90.properties.expression,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/expression",schemaPath:"#/properties/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.expression.type,parentSchema:schema90.properties.expression,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.timeZone !== undefined){
let data2 = data.timeZone;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err7 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema53,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/timeZone",schemaPath:"#/definitions/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema90.type,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate40.errors = vErrors;
return errors === 0;
}


function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const tag0 = data.kind;
if(typeof tag0 == "string"){
if(tag0 === "manual"){
if(!(validate28(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
else if(tag0 === "everyMinutes"){
if(!(validate29(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
else if(tag0 === "everyHours"){
if(!(validate30(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
else if(tag0 === "everyDays"){
if(!(validate31(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
else if(tag0 === "everyWeeks"){
if(!(validate32(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
else if(tag0 === "dailyNoDst"){
if(!(validate33(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
else if(tag0 === "weekly"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
else if(tag0 === "daysOfWeek"){
if(!(validate35(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
else if(tag0 === "monthly"){
if(!(validate36(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
}
else if(tag0 === "monthlyByWeeks"){
if(!(validate37(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
}
else if(tag0 === "onOutbreak"){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/definitions/scheduleOnOutbreak/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema92.required,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "kind") || (key0 === "applicationTypes"))){
const err2 = {instancePath,schemaPath:"#/definitions/scheduleOnOutbreak/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if("onOutbreak" !== data0){
const err3 = {instancePath:instancePath+"/kind",schemaPath:"#/definitions/scheduleOnOutbreak/properties/kind/const",keyword:"const",params:{allowedValue: "onOutbreak"},message:"must be equal to constant",schema:"onOutbreak",parentSchema:schema92.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.applicationTypes !== undefined){
let data1 = data.applicationTypes;
if(Array.isArray(data1)){
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/applicationTypes",schemaPath:"#/definitions/scheduleOnOutbreak/properties/applicationTypes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema92.properties.applicationTypes,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 !== "string"){
const err5 = {instancePath:instancePath+"/applicationTypes/" + i0,schemaPath:"#/definitions/scheduleOnOutbreak/properties/applicationTypes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema92.properties.applicationTypes.items.type,parentSchema:schema92.properties.applicationTypes.items,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!(((data2 === "workstationsAndFileServers") || (data2 === "perimeter")) || (data2 === "mail"))){
const err6 = {instancePath:instancePath+"/applicationTypes/" + i0,schemaPath:"#/definitions/scheduleOnOutbreak/properties/applicationTypes/items/enum",keyword:"enum",params:{allowedValues: schema92.properties.applicationTypes.items.enum},message:"must be equal to one of the allowed values",schema:schema92.properties.applicationTypes.items.enum,parentSchema:schema92.properties.applicationTypes.items,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err7 = {instancePath:instancePath+"/applicationTypes",schemaPath:"#/definitions/scheduleOnOutbreak/properties/applicationTypes/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema92.properties.applicationTypes,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err8 = {instancePath:instancePath+"/applicationTypes",schemaPath:"#/definitions/scheduleOnOutbreak/properties/applicationTypes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema92.properties.applicationTypes.type,parentSchema:schema92.properties.applicationTypes,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/definitions/scheduleOnOutbreak/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema92.type,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else if(tag0 === "onTaskCompletion"){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err10 = {instancePath,schemaPath:"#/definitions/scheduleOnTaskCompletion/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data.task === undefined){
const err11 = {instancePath,schemaPath:"#/definitions/scheduleOnTaskCompletion/required",keyword:"required",params:{missingProperty: "task"},message:"must have required property '"+"task"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data){
if(!(((key1 === "kind") || (key1 === "task")) || (key1 === "outcome"))){
const err12 = {instancePath,schemaPath:"#/definitions/scheduleOnTaskCompletion/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.kind !== undefined){
let data3 = data.kind;
if("onTaskCompletion" !== data3){
const err13 = {instancePath:instancePath+"/kind",schemaPath:"#/definitions/scheduleOnTaskCompletion/properties/kind/const",keyword:"const",params:{allowedValue: "onTaskCompletion"},message:"must be equal to constant",schema:"onTaskCompletion",parentSchema:schema93.properties.kind,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.task !== undefined){
let data4 = data.task;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err14 = {instancePath:instancePath+"/task",schemaPath:"#/definitions/scheduleOnTaskCompletion/properties/task/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema93.properties.task,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/task",schemaPath:"#/definitions/scheduleOnTaskCompletion/properties/task/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema93.properties.task.type,parentSchema:schema93.properties.task,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.outcome !== undefined){
let data5 = data.outcome;
if(typeof data5 !== "string"){
const err16 = {instancePath:instancePath+"/outcome",schemaPath:"#/definitions/scheduleOnTaskCompletion/properties/outcome/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema93.properties.outcome.type,parentSchema:schema93.properties.outcome,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!(((data5 === "success") || (data5 === "failure")) || (data5 === "any"))){
const err17 = {instancePath:instancePath+"/outcome",schemaPath:"#/definitions/scheduleOnTaskCompletion/properties/outcome/enum",keyword:"enum",params:{allowedValues: schema93.properties.outcome.enum},message:"must be equal to one of the allowed values",schema:schema93.properties.outcome.enum,parentSchema:schema93.properties.outcome,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/definitions/scheduleOnTaskCompletion/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema93.type,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else if(tag0 === "once"){
if(!(validate38(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
else if(tag0 === "immediately"){
if(!(validate39(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
}
else if(tag0 === "cron"){
if(!(validate40(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
}
else {
const err19 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "kind", tagValue: tag0},message:"value of tag \"kind\" must be in oneOf",schema:schema51.discriminator,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "kind", tagValue: tag0},message:"tag \"kind\" must be string",schema:schema51.discriminator,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}

const pattern14 = new RegExp("^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.scope === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "scope"},message:"must have required property '"+"scope"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "type") || (key0 === "scope")) || (key0 === "settings")) || (key0 === "verifyOn")) || (key0 === "schedule")) || (key0 === "runMissed")) || (key0 === "randomDelay"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("DownloadUpdatesToDistributionPoints" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "DownloadUpdatesToDistributionPoints"},message:"must be equal to constant",schema:"DownloadUpdatesToDistributionPoints",parentSchema:schema40.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.scope !== undefined){
if(!(validate23(data.scope, {instancePath:instancePath+"/scope",parentData:data,parentDataProperty:"scope",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.settings !== undefined){
let data2 = data.settings;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(((((((key1 === "sources") || (key1 === "downloadDiffFiles")) || (key1 === "legacyScheme")) || (key1 === "withholdingToleranceSeconds")) || (key1 === "components")) || (key1 === "bandwidth")) || (key1 === "urgent"))){
const err4 = {instancePath:instancePath+"/settings",schemaPath:"#/properties/settings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema40.properties.settings,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data2.sources !== undefined){
let data3 = data2.sources;
if(Array.isArray(data3)){
if(data3.length < 1){
const err5 = {instancePath:instancePath+"/settings/sources",schemaPath:"#/definitions/sources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema44,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err6 = {instancePath:instancePath+"/settings/sources/" + i0,schemaPath:"#/definitions/sources/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.items,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/settings/sources/" + i0,schemaPath:"#/definitions/sources/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.items.type,parentSchema:schema44.items,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i1 = data3.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data3[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err8 = {instancePath:instancePath+"/settings/sources",schemaPath:"#/definitions/sources/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema44,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err9 = {instancePath:instancePath+"/settings/sources",schemaPath:"#/definitions/sources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.type,parentSchema:schema44,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data2.downloadDiffFiles !== undefined){
let data5 = data2.downloadDiffFiles;
if(typeof data5 !== "boolean"){
const err10 = {instancePath:instancePath+"/settings/downloadDiffFiles",schemaPath:"#/properties/settings/properties/downloadDiffFiles/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema40.properties.settings.properties.downloadDiffFiles.type,parentSchema:schema40.properties.settings.properties.downloadDiffFiles,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.legacyScheme !== undefined){
let data6 = data2.legacyScheme;
if(typeof data6 !== "boolean"){
const err11 = {instancePath:instancePath+"/settings/legacyScheme",schemaPath:"#/properties/settings/properties/legacyScheme/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema40.properties.settings.properties.legacyScheme.type,parentSchema:schema40.properties.settings.properties.legacyScheme,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data2.withholdingToleranceSeconds !== undefined){
let data7 = data2.withholdingToleranceSeconds;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err12 = {instancePath:instancePath+"/settings/withholdingToleranceSeconds",schemaPath:"#/properties/settings/properties/withholdingToleranceSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.properties.settings.properties.withholdingToleranceSeconds.type,parentSchema:schema40.properties.settings.properties.withholdingToleranceSeconds,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 1 || isNaN(data7)){
const err13 = {instancePath:instancePath+"/settings/withholdingToleranceSeconds",schemaPath:"#/properties/settings/properties/withholdingToleranceSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema40.properties.settings.properties.withholdingToleranceSeconds,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data2.components !== undefined){
let data8 = data2.components;
if(Array.isArray(data8)){
const len1 = data8.length;
for(let i2=0; i2<len1; i2++){
let data9 = data8[i2];
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err14 = {instancePath:instancePath+"/settings/components/" + i2,schemaPath:"#/properties/settings/properties/components/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema40.properties.settings.properties.components.items,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/settings/components/" + i2,schemaPath:"#/properties/settings/properties/components/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.settings.properties.components.items.type,parentSchema:schema40.properties.settings.properties.components.items,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let i3 = data8.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data8[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err16 = {instancePath:instancePath+"/settings/components",schemaPath:"#/properties/settings/properties/components/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema40.properties.settings.properties.components,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err17 = {instancePath:instancePath+"/settings/components",schemaPath:"#/properties/settings/properties/components/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.settings.properties.components.type,parentSchema:schema40.properties.settings.properties.components,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data2.bandwidth !== undefined){
if(!(validate25(data2.bandwidth, {instancePath:instancePath+"/settings/bandwidth",parentData:data2,parentDataProperty:"bandwidth",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data2.urgent !== undefined){
let data11 = data2.urgent;
if(typeof data11 !== "boolean"){
const err18 = {instancePath:instancePath+"/settings/urgent",schemaPath:"#/properties/settings/properties/urgent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema40.properties.settings.properties.urgent.type,parentSchema:schema40.properties.settings.properties.urgent,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/settings",schemaPath:"#/properties/settings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.properties.settings.type,parentSchema:schema40.properties.settings,data:data2};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.verifyOn !== undefined){
let data12 = data.verifyOn;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.task === undefined){
const err20 = {instancePath:instancePath+"/verifyOn",schemaPath:"#/properties/verifyOn/required",keyword:"required",params:{missingProperty: "task"},message:"must have required property '"+"task"+"'",schema:schema40.properties.verifyOn.required,parentSchema:schema40.properties.verifyOn,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
for(const key2 in data12){
if(!((((key2 === "task") || (key2 === "successThreshold")) || (key2 === "pendingTimeout")) || (key2 === "retry"))){
const err21 = {instancePath:instancePath+"/verifyOn",schemaPath:"#/properties/verifyOn/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema40.properties.verifyOn,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data12.task !== undefined){
let data13 = data12.task;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err22 = {instancePath:instancePath+"/verifyOn/task",schemaPath:"#/properties/verifyOn/properties/task/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema40.properties.verifyOn.properties.task,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/verifyOn/task",schemaPath:"#/properties/verifyOn/properties/task/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.verifyOn.properties.task.type,parentSchema:schema40.properties.verifyOn.properties.task,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data12.successThreshold !== undefined){
let data14 = data12.successThreshold;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err24 = {instancePath:instancePath+"/verifyOn/successThreshold",schemaPath:"#/properties/verifyOn/properties/successThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.properties.verifyOn.properties.successThreshold.type,parentSchema:schema40.properties.verifyOn.properties.successThreshold,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 100 || isNaN(data14)){
const err25 = {instancePath:instancePath+"/verifyOn/successThreshold",schemaPath:"#/properties/verifyOn/properties/successThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema40.properties.verifyOn.properties.successThreshold,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data14 < 1 || isNaN(data14)){
const err26 = {instancePath:instancePath+"/verifyOn/successThreshold",schemaPath:"#/properties/verifyOn/properties/successThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema40.properties.verifyOn.properties.successThreshold,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
if(data12.pendingTimeout !== undefined){
let data15 = data12.pendingTimeout;
if(typeof data15 === "string"){
if(func2(data15) < 2){
const err27 = {instancePath:instancePath+"/verifyOn/pendingTimeout",schemaPath:"#/properties/verifyOn/properties/pendingTimeout/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema40.properties.verifyOn.properties.pendingTimeout,data:data15};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!pattern14.test(data15)){
const err28 = {instancePath:instancePath+"/verifyOn/pendingTimeout",schemaPath:"#/properties/verifyOn/properties/pendingTimeout/pattern",keyword:"pattern",params:{pattern: "^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"},message:"must match pattern \""+"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"+"\"",schema:"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$",parentSchema:schema40.properties.verifyOn.properties.pendingTimeout,data:data15};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/verifyOn/pendingTimeout",schemaPath:"#/properties/verifyOn/properties/pendingTimeout/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.verifyOn.properties.pendingTimeout.type,parentSchema:schema40.properties.verifyOn.properties.pendingTimeout,data:data15};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data12.retry !== undefined){
let data16 = data12.retry;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err30 = {instancePath:instancePath+"/verifyOn/retry",schemaPath:"#/properties/verifyOn/properties/retry/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.properties.verifyOn.properties.retry.type,parentSchema:schema40.properties.verifyOn.properties.retry,data:data16};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 < 0 || isNaN(data16)){
const err31 = {instancePath:instancePath+"/verifyOn/retry",schemaPath:"#/properties/verifyOn/properties/retry/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema40.properties.verifyOn.properties.retry,data:data16};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
}
else {
const err32 = {instancePath:instancePath+"/verifyOn",schemaPath:"#/properties/verifyOn/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.properties.verifyOn.type,parentSchema:schema40.properties.verifyOn,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.schedule !== undefined){
if(!(validate27(data.schedule, {instancePath:instancePath+"/schedule",parentData:data,parentDataProperty:"schedule",rootData}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.runMissed !== undefined){
let data18 = data.runMissed;
if(typeof data18 !== "boolean"){
const err33 = {instancePath:instancePath+"/runMissed",schemaPath:"#/definitions/runMissed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema94.type,parentSchema:schema94,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.randomDelay !== undefined){
let data19 = data.randomDelay;
const _errs42 = errors;
let valid12 = false;
let passing0 = null;
const _errs43 = errors;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.automatic === undefined){
const err34 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/required",keyword:"required",params:{missingProperty: "automatic"},message:"must have required property '"+"automatic"+"'",schema:schema95.oneOf[0].required,parentSchema:schema95.oneOf[0],data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
for(const key3 in data19){
if(!(key3 === "automatic")){
const err35 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema95.oneOf[0],data:data19};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data19.automatic !== undefined){
let data20 = data19.automatic;
if(true !== data20){
const err36 = {instancePath:instancePath+"/randomDelay/automatic",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/properties/automatic/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema95.oneOf[0].properties.automatic,data:data20};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.oneOf[0].type,parentSchema:schema95.oneOf[0],data:data19};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
var _valid0 = _errs43 === errors;
if(_valid0){
valid12 = true;
passing0 = 0;
}
const _errs47 = errors;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key4 in data19){
if(!(key4 === "minutes")){
const err38 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema95.oneOf[1],data:data19};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data19.minutes !== undefined){
let data21 = data19.minutes;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err39 = {instancePath:instancePath+"/randomDelay/minutes",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/properties/minutes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema95.oneOf[1].properties.minutes.type,parentSchema:schema95.oneOf[1].properties.minutes,data:data21};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 1440 || isNaN(data21)){
const err40 = {instancePath:instancePath+"/randomDelay/minutes",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/properties/minutes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1440},message:"must be <= 1440",schema:1440,parentSchema:schema95.oneOf[1].properties.minutes,data:data21};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data21 < 1 || isNaN(data21)){
const err41 = {instancePath:instancePath+"/randomDelay/minutes",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/properties/minutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema95.oneOf[1].properties.minutes,data:data21};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.oneOf[1].type,parentSchema:schema95.oneOf[1],data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
var _valid0 = _errs47 === errors;
if(_valid0 && valid12){
valid12 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid12 = true;
passing0 = 1;
}
}
if(!valid12){
const err43 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema95.oneOf,parentSchema:schema95,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
else {
errors = _errs42;
if(vErrors !== null){
if(_errs42){
vErrors.length = _errs42;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema96 = {"title":"UpdateTaskSpec","type":"object","description":"Update the databases and application modules of the security application on devices (endpoint side). Defaults: `sources: [vendor]` (`distributionPoint` names the device's DP), `schedule: {kind: everyMinutes, every: 60}`.","additionalProperties":false,"required":["type","scope"],"properties":{"type":{"const":"Update"},"scope":{"$ref":"#/definitions/scope"},"version":{"type":"string","minLength":1,"maxLength":100,"description":"Rings and pinning: the release this task's devices take, by its targets' `custom.version` (a content `VERSION` file, else the repository version number). The device takes the newest repository version carrying it, an older one if need be, still signed by the current keys and unexpired; the distribution points serving these devices keep that version too. Promotion is a commit changing it; `git revert` of that commit is the rollback. Absent: the current version."},"settings":{"title":"UpdateTaskSettings","type":"object","additionalProperties":false,"default":{},"properties":{"sources":{"$ref":"#/definitions/sources","default":["vendor"]},"applicationUpdateMode":{"type":"string","enum":["disabled","downloadOnly","downloadAndInstall"],"default":"downloadOnly","description":"What happens to application module updates."},"downloadDiffFiles":{"type":"boolean","default":true,"description":"Use diff files when the source has them (only what differs is downloaded)."},"outOfDateDays":{"type":"integer","minimum":1,"maximum":365,"default":3,"description":"Databases older than this are out of date (`BasesAreOutOfDate`)."},"totallyOutOfDateDays":{"type":"integer","minimum":1,"maximum":365,"default":7,"description":"Databases older than this are totally out of date (`BasesAreTotallyOutOfDate`)."},"healthCheck":{"title":"HealthCheck","type":"object","additionalProperties":false,"required":["command"],"description":"Run after a module update and restart; a failure rolls the application back to the previous version.","properties":{"command":{"type":"string","minLength":1},"timeoutSeconds":{"type":"integer","minimum":1,"maximum":3600,"default":30}}},"bandwidth":{"$ref":"defs.json#/definitions/bandwidth","description":"Cap on each device's downloads (databases and modules)."},"maintenanceWindows":{"type":"array","minItems":1,"items":{"$ref":"defs.json#/definitions/maintenanceWindow"},"description":"When modules may be installed and the application restarted (`applicationUpdateMode: downloadAndInstall`): downloads happen whenever the task runs, but outside every window the install waits for the next window to open (the device result says when) and the agent installs then. Absent: any time."},"urgent":{"type":"boolean","description":"Urgent updates: downloads ignore bandwidth caps (the task's and its sources') and installs ignore maintenanceWindows. Absent: not urgent."}}},"schedule":{"$ref":"defs.json#/definitions/schedule","default":{"kind":"everyMinutes","every":60}},"runMissed":{"$ref":"#/definitions/runMissed","default":false},"randomDelay":{"$ref":"defs.json#/definitions/randomDelay"}}};
const schema98 = {"title":"MaintenanceWindow","type":"object","additionalProperties":false,"required":["cron","duration","timeZone"],"description":"A window that opens at each start of `cron` in `timeZone` (DST-correct) and stays open for `duration`.","properties":{"cron":{"type":"string","minLength":1,"maxLength":200,"description":"When the window opens: a cron expression of 5 fields (minute hour day month weekday), e.g. `0 22 * * 1-5`, or 6 with seconds first."},"duration":{"type":"string","pattern":"^([0-9]+d)?([0-9]+h)?([0-9]+m)?$","minLength":2,"description":"How long it stays open: `90m`, `2h`, `1h30m`, `1d` (at most 7 days)."},"timeZone":{"type":"string","minLength":1,"description":"IANA zone the cron expression is read in, e.g. `Europe/Berlin` (required: the device evaluates the window, so it cannot borrow the controller's zone)."}}};
const func69 = Object.prototype.hasOwnProperty;
const pattern21 = new RegExp("^([0-9]+d)?([0-9]+h)?([0-9]+m)?$", "u");

function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema96.required,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.scope === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "scope"},message:"must have required property '"+"scope"+"'",schema:schema96.required,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "type") || (key0 === "scope")) || (key0 === "version")) || (key0 === "settings")) || (key0 === "schedule")) || (key0 === "runMissed")) || (key0 === "randomDelay"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("Update" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "Update"},message:"must be equal to constant",schema:"Update",parentSchema:schema96.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.scope !== undefined){
if(!(validate23(data.scope, {instancePath:instancePath+"/scope",parentData:data,parentDataProperty:"scope",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.version !== undefined){
let data2 = data.version;
if(typeof data2 === "string"){
if(func2(data2) > 100){
const err4 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema96.properties.version,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func2(data2) < 1){
const err5 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema96.properties.version,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema96.properties.version.type,parentSchema:schema96.properties.version,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.settings !== undefined){
let data3 = data.settings;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!(func69.call(schema96.properties.settings.properties, key1))){
const err7 = {instancePath:instancePath+"/settings",schemaPath:"#/properties/settings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema96.properties.settings,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data3.sources !== undefined){
let data4 = data3.sources;
if(Array.isArray(data4)){
if(data4.length < 1){
const err8 = {instancePath:instancePath+"/settings/sources",schemaPath:"#/definitions/sources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema44,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err9 = {instancePath:instancePath+"/settings/sources/" + i0,schemaPath:"#/definitions/sources/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.items,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/settings/sources/" + i0,schemaPath:"#/definitions/sources/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.items.type,parentSchema:schema44.items,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data4[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err11 = {instancePath:instancePath+"/settings/sources",schemaPath:"#/definitions/sources/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema44,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err12 = {instancePath:instancePath+"/settings/sources",schemaPath:"#/definitions/sources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.type,parentSchema:schema44,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.applicationUpdateMode !== undefined){
let data6 = data3.applicationUpdateMode;
if(typeof data6 !== "string"){
const err13 = {instancePath:instancePath+"/settings/applicationUpdateMode",schemaPath:"#/properties/settings/properties/applicationUpdateMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema96.properties.settings.properties.applicationUpdateMode.type,parentSchema:schema96.properties.settings.properties.applicationUpdateMode,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(((data6 === "disabled") || (data6 === "downloadOnly")) || (data6 === "downloadAndInstall"))){
const err14 = {instancePath:instancePath+"/settings/applicationUpdateMode",schemaPath:"#/properties/settings/properties/applicationUpdateMode/enum",keyword:"enum",params:{allowedValues: schema96.properties.settings.properties.applicationUpdateMode.enum},message:"must be equal to one of the allowed values",schema:schema96.properties.settings.properties.applicationUpdateMode.enum,parentSchema:schema96.properties.settings.properties.applicationUpdateMode,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.downloadDiffFiles !== undefined){
let data7 = data3.downloadDiffFiles;
if(typeof data7 !== "boolean"){
const err15 = {instancePath:instancePath+"/settings/downloadDiffFiles",schemaPath:"#/properties/settings/properties/downloadDiffFiles/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema96.properties.settings.properties.downloadDiffFiles.type,parentSchema:schema96.properties.settings.properties.downloadDiffFiles,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.outOfDateDays !== undefined){
let data8 = data3.outOfDateDays;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err16 = {instancePath:instancePath+"/settings/outOfDateDays",schemaPath:"#/properties/settings/properties/outOfDateDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.properties.settings.properties.outOfDateDays.type,parentSchema:schema96.properties.settings.properties.outOfDateDays,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 365 || isNaN(data8)){
const err17 = {instancePath:instancePath+"/settings/outOfDateDays",schemaPath:"#/properties/settings/properties/outOfDateDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 365},message:"must be <= 365",schema:365,parentSchema:schema96.properties.settings.properties.outOfDateDays,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err18 = {instancePath:instancePath+"/settings/outOfDateDays",schemaPath:"#/properties/settings/properties/outOfDateDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96.properties.settings.properties.outOfDateDays,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data3.totallyOutOfDateDays !== undefined){
let data9 = data3.totallyOutOfDateDays;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err19 = {instancePath:instancePath+"/settings/totallyOutOfDateDays",schemaPath:"#/properties/settings/properties/totallyOutOfDateDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.properties.settings.properties.totallyOutOfDateDays.type,parentSchema:schema96.properties.settings.properties.totallyOutOfDateDays,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 365 || isNaN(data9)){
const err20 = {instancePath:instancePath+"/settings/totallyOutOfDateDays",schemaPath:"#/properties/settings/properties/totallyOutOfDateDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 365},message:"must be <= 365",schema:365,parentSchema:schema96.properties.settings.properties.totallyOutOfDateDays,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data9 < 1 || isNaN(data9)){
const err21 = {instancePath:instancePath+"/settings/totallyOutOfDateDays",schemaPath:"#/properties/settings/properties/totallyOutOfDateDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96.properties.settings.properties.totallyOutOfDateDays,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data3.healthCheck !== undefined){
let data10 = data3.healthCheck;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.command === undefined){
const err22 = {instancePath:instancePath+"/settings/healthCheck",schemaPath:"#/properties/settings/properties/healthCheck/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema96.properties.settings.properties.healthCheck.required,parentSchema:schema96.properties.settings.properties.healthCheck,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key2 in data10){
if(!((key2 === "command") || (key2 === "timeoutSeconds"))){
const err23 = {instancePath:instancePath+"/settings/healthCheck",schemaPath:"#/properties/settings/properties/healthCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema96.properties.settings.properties.healthCheck,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data10.command !== undefined){
let data11 = data10.command;
if(typeof data11 === "string"){
if(func2(data11) < 1){
const err24 = {instancePath:instancePath+"/settings/healthCheck/command",schemaPath:"#/properties/settings/properties/healthCheck/properties/command/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema96.properties.settings.properties.healthCheck.properties.command,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/settings/healthCheck/command",schemaPath:"#/properties/settings/properties/healthCheck/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema96.properties.settings.properties.healthCheck.properties.command.type,parentSchema:schema96.properties.settings.properties.healthCheck.properties.command,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data10.timeoutSeconds !== undefined){
let data12 = data10.timeoutSeconds;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err26 = {instancePath:instancePath+"/settings/healthCheck/timeoutSeconds",schemaPath:"#/properties/settings/properties/healthCheck/properties/timeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.properties.settings.properties.healthCheck.properties.timeoutSeconds.type,parentSchema:schema96.properties.settings.properties.healthCheck.properties.timeoutSeconds,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 3600 || isNaN(data12)){
const err27 = {instancePath:instancePath+"/settings/healthCheck/timeoutSeconds",schemaPath:"#/properties/settings/properties/healthCheck/properties/timeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema96.properties.settings.properties.healthCheck.properties.timeoutSeconds,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err28 = {instancePath:instancePath+"/settings/healthCheck/timeoutSeconds",schemaPath:"#/properties/settings/properties/healthCheck/properties/timeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96.properties.settings.properties.healthCheck.properties.timeoutSeconds,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
}
else {
const err29 = {instancePath:instancePath+"/settings/healthCheck",schemaPath:"#/properties/settings/properties/healthCheck/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema96.properties.settings.properties.healthCheck.type,parentSchema:schema96.properties.settings.properties.healthCheck,data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data3.bandwidth !== undefined){
if(!(validate25(data3.bandwidth, {instancePath:instancePath+"/settings/bandwidth",parentData:data3,parentDataProperty:"bandwidth",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data3.maintenanceWindows !== undefined){
let data14 = data3.maintenanceWindows;
if(Array.isArray(data14)){
if(data14.length < 1){
const err30 = {instancePath:instancePath+"/settings/maintenanceWindows",schemaPath:"#/properties/settings/properties/maintenanceWindows/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema96.properties.settings.properties.maintenanceWindows,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
const len1 = data14.length;
for(let i2=0; i2<len1; i2++){
let data15 = data14[i2];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.cron === undefined){
const err31 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2,schemaPath:"defs.json#/definitions/maintenanceWindow/required",keyword:"required",params:{missingProperty: "cron"},message:"must have required property '"+"cron"+"'",schema:schema98.required,parentSchema:schema98,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data15.duration === undefined){
const err32 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2,schemaPath:"defs.json#/definitions/maintenanceWindow/required",keyword:"required",params:{missingProperty: "duration"},message:"must have required property '"+"duration"+"'",schema:schema98.required,parentSchema:schema98,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data15.timeZone === undefined){
const err33 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2,schemaPath:"defs.json#/definitions/maintenanceWindow/required",keyword:"required",params:{missingProperty: "timeZone"},message:"must have required property '"+"timeZone"+"'",schema:schema98.required,parentSchema:schema98,data:data15};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
for(const key3 in data15){
if(!(((key3 === "cron") || (key3 === "duration")) || (key3 === "timeZone"))){
const err34 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2,schemaPath:"defs.json#/definitions/maintenanceWindow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema98,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data15.cron !== undefined){
let data16 = data15.cron;
if(typeof data16 === "string"){
if(func2(data16) > 200){
const err35 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/cron",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/cron/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema98.properties.cron,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(func2(data16) < 1){
const err36 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/cron",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/cron/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema98.properties.cron,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/cron",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/cron/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema98.properties.cron.type,parentSchema:schema98.properties.cron,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data15.duration !== undefined){
let data17 = data15.duration;
if(typeof data17 === "string"){
if(func2(data17) < 2){
const err38 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/duration",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/duration/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema98.properties.duration,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!pattern21.test(data17)){
const err39 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/duration",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/duration/pattern",keyword:"pattern",params:{pattern: "^([0-9]+d)?([0-9]+h)?([0-9]+m)?$"},message:"must match pattern \""+"^([0-9]+d)?([0-9]+h)?([0-9]+m)?$"+"\"",schema:"^([0-9]+d)?([0-9]+h)?([0-9]+m)?$",parentSchema:schema98.properties.duration,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/duration",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema98.properties.duration.type,parentSchema:schema98.properties.duration,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data15.timeZone !== undefined){
let data18 = data15.timeZone;
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err41 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/timeZone",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/timeZone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema98.properties.timeZone,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2+"/timeZone",schemaPath:"defs.json#/definitions/maintenanceWindow/properties/timeZone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema98.properties.timeZone.type,parentSchema:schema98.properties.timeZone,data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/settings/maintenanceWindows/" + i2,schemaPath:"defs.json#/definitions/maintenanceWindow/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema98.type,parentSchema:schema98,data:data15};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/settings/maintenanceWindows",schemaPath:"#/properties/settings/properties/maintenanceWindows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema96.properties.settings.properties.maintenanceWindows.type,parentSchema:schema96.properties.settings.properties.maintenanceWindows,data:data14};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data3.urgent !== undefined){
let data19 = data3.urgent;
if(typeof data19 !== "boolean"){
const err45 = {instancePath:instancePath+"/settings/urgent",schemaPath:"#/properties/settings/properties/urgent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema96.properties.settings.properties.urgent.type,parentSchema:schema96.properties.settings.properties.urgent,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/settings",schemaPath:"#/properties/settings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema96.properties.settings.type,parentSchema:schema96.properties.settings,data:data3};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.schedule !== undefined){
if(!(validate27(data.schedule, {instancePath:instancePath+"/schedule",parentData:data,parentDataProperty:"schedule",rootData}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.runMissed !== undefined){
let data21 = data.runMissed;
if(typeof data21 !== "boolean"){
const err47 = {instancePath:instancePath+"/runMissed",schemaPath:"#/definitions/runMissed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema94.type,parentSchema:schema94,data:data21};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.randomDelay !== undefined){
let data22 = data.randomDelay;
const _errs50 = errors;
let valid13 = false;
let passing0 = null;
const _errs51 = errors;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.automatic === undefined){
const err48 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/required",keyword:"required",params:{missingProperty: "automatic"},message:"must have required property '"+"automatic"+"'",schema:schema95.oneOf[0].required,parentSchema:schema95.oneOf[0],data:data22};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
for(const key4 in data22){
if(!(key4 === "automatic")){
const err49 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema95.oneOf[0],data:data22};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data22.automatic !== undefined){
let data23 = data22.automatic;
if(true !== data23){
const err50 = {instancePath:instancePath+"/randomDelay/automatic",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/properties/automatic/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema95.oneOf[0].properties.automatic,data:data23};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.oneOf[0].type,parentSchema:schema95.oneOf[0],data:data22};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
var _valid0 = _errs51 === errors;
if(_valid0){
valid13 = true;
passing0 = 0;
}
const _errs55 = errors;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key5 in data22){
if(!(key5 === "minutes")){
const err52 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema95.oneOf[1],data:data22};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data22.minutes !== undefined){
let data24 = data22.minutes;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err53 = {instancePath:instancePath+"/randomDelay/minutes",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/properties/minutes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema95.oneOf[1].properties.minutes.type,parentSchema:schema95.oneOf[1].properties.minutes,data:data24};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 1440 || isNaN(data24)){
const err54 = {instancePath:instancePath+"/randomDelay/minutes",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/properties/minutes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1440},message:"must be <= 1440",schema:1440,parentSchema:schema95.oneOf[1].properties.minutes,data:data24};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data24 < 1 || isNaN(data24)){
const err55 = {instancePath:instancePath+"/randomDelay/minutes",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/properties/minutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema95.oneOf[1].properties.minutes,data:data24};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
}
else {
const err56 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.oneOf[1].type,parentSchema:schema95.oneOf[1],data:data22};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
var _valid0 = _errs55 === errors;
if(_valid0 && valid13){
valid13 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid13 = true;
passing0 = 1;
}
}
if(!valid13){
const err57 = {instancePath:instancePath+"/randomDelay",schemaPath:"defs.json#/definitions/randomDelay/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema95.oneOf,parentSchema:schema95,data:data22};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
else {
errors = _errs50;
if(vErrors !== null){
if(_errs50){
vErrors.length = _errs50;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err58 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema96.type,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
validate55.errors = vErrors;
return errors === 0;
}


function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="task.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("updops/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"defs.json#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "updops/v1"},message:"must be equal to constant",schema:"updops/v1",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Task" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Task"},message:"must be equal to constant",schema:"Task",parentSchema:schema35.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
if(!(validate20(data.metadata, {instancePath:instancePath+"/metadata",parentData:data,parentDataProperty:"metadata",rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
if(data.spec !== undefined){
let data3 = data.spec;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.type === undefined){
const err7 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema35.properties.spec.required,parentSchema:schema35.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.type !== undefined){
let data4 = data3.type;
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/spec/type",schemaPath:"#/properties/spec/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.spec.properties.type.type,parentSchema:schema35.properties.spec.properties.type,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data4 === "DownloadUpdatesToDistributionPoints") || (data4 === "Update"))){
const err9 = {instancePath:instancePath+"/spec/type",schemaPath:"#/properties/spec/properties/type/enum",keyword:"enum",params:{allowedValues: schema35.properties.spec.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema35.properties.spec.properties.type.enum,parentSchema:schema35.properties.spec.properties.type,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
const tag0 = data3.type;
if(typeof tag0 == "string"){
if(tag0 === "DownloadUpdatesToDistributionPoints"){
if(!(validate22(data3, {instancePath:instancePath+"/spec",parentData:data,parentDataProperty:"spec",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
else if(tag0 === "Update"){
if(!(validate55(data3, {instancePath:instancePath+"/spec",parentData:data,parentDataProperty:"spec",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
else {
const err10 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema35.properties.spec.discriminator,parentSchema:schema35.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema35.properties.spec.discriminator,parentSchema:schema35.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.properties.spec.type,parentSchema:schema35.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

exports.Notification = validate61;
const schema101 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"notification.json","title":"Notification","description":"Tells people or systems when something happens (docs/design.md 4, notifications): chosen events, filtered by severity, task or group, go to a chat, a webhook, e-mail, or — as commit statuses — to the forge of the config repository. Secrets are read by reference at delivery time; a failed delivery is retried with backoff and then recorded as a `NotificationFailed` event.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"$ref":"defs.json#/definitions/apiVersion"},"kind":{"const":"Notification"},"metadata":{"$ref":"defs.json#/definitions/metadata"},"spec":{"title":"NotificationSpec","type":"object","additionalProperties":false,"required":["provider"],"properties":{"events":{"type":"array","minItems":1,"uniqueItems":true,"description":"Which events are sent. Required for every provider but commit statuses, which follow reconciles: pending while a commit is tried, then `ReconcileApplied` → success and `ReconcileFailed` → failure (both by default; name one to send only it).","items":{"$ref":"#/definitions/eventType"}},"severity":{"type":"string","enum":["info","warning","error"],"default":"info","description":"Only events at least this severe: `ReconcileApplied`, `DistributionPointFresh`, `RolloutWaveStarted`, `RolloutResumed`, `RolloutCompleted`, `UpdatesVerificationStarted` and `UpdatesVerified` are info; `BasesAreOutOfDate` and `ApplicationRolledBack` warning; `ReconcileFailed`, `RunFailed`, `BasesAreTotallyOutOfDate`, `DistributionPointWithholding`, `RolloutHalted` and `UpdatesVerificationFailed` error."},"tasks":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1},"description":"Only events about these tasks (their failed runs); events about no task — reconciles, devices — pass."},"groups":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1},"description":"Only events about DPs or devices in these groups or their subgroups (a failed run: one of its failed targets); events about none — reconciles — pass."},"template":{"type":"string","minLength":1,"maxLength":4000,"description":"The message text as a Mustache template. Fields: `type`, `severity`, `message`, `subject`, `time`, `commit`, `task`, `run`, `consoleUrl`. Default: `[{{severity}}] {{type}}: {{message}}`."},"provider":{"type":"object","required":["type"],"properties":{"type":{"type":"string","enum":["webhook","slack","smtp","github","gitlab","gitea"]}},"discriminator":{"propertyName":"type"},"oneOf":[{"$ref":"#/definitions/webhookProvider"},{"$ref":"#/definitions/slackProvider"},{"$ref":"#/definitions/smtpProvider"},{"$ref":"#/definitions/githubProvider"},{"$ref":"#/definitions/gitlabProvider"},{"$ref":"#/definitions/giteaProvider"}]}},"if":{"type":"object","properties":{"provider":{"type":"object","properties":{"type":{"type":"string","enum":["webhook","slack","smtp"]}}}}},"then":{"required":["events"]},"else":{"properties":{"events":{"type":"array","items":{"type":"string","enum":["ReconcileApplied","ReconcileFailed"]}}}}}},"definitions":{"eventType":{"type":"string","enum":["ReconcileFailed","ReconcileApplied","RunFailed","BasesAreOutOfDate","BasesAreTotallyOutOfDate","ApplicationRolledBack","DistributionPointWithholding","DistributionPointFresh","RolloutWaveStarted","RolloutHalted","RolloutResumed","RolloutCompleted","UpdatesVerificationStarted","UpdatesVerified","UpdatesVerificationFailed"],"description":"An event updops records: a commit applied or failed, a run failed, a device's databases out of date or totally out of date, an application rolled back, a DP withholding updates (expired or older timestamp than its source) or fresh again, a rollout's wave started, the rollout halted, resumed or completed, a release verified on test devices or failed there."},"webhookProvider":{"title":"WebhookProvider","type":"object","description":"A generic JSON webhook: each event is POSTed as `{type, severity, message, subject, time, data, text}`. With `secretRef`, the body is signed: `X-Updops-Signature-256: sha256=<HMAC-SHA256 of the body>` keyed by the secret.","additionalProperties":false,"required":["type","url"],"properties":{"type":{"const":"webhook"},"url":{"type":"string","format":"uri","pattern":"^https?://","description":"Where events are POSTed."},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}},"slackProvider":{"title":"SlackProvider","type":"object","description":"A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{text}` is POSTed. The webhook's URL is itself the credential, so it is given only by `secretRef`: the variable or file holds the URL.","additionalProperties":false,"required":["type","secretRef"],"properties":{"type":{"const":"slack"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}},"smtpProvider":{"title":"SmtpProvider","type":"object","description":"E-mail over SMTP: one message per event, subject `updops: TYPE`, body the message text. `secretRef` holds `user:password` when the server wants a login.","additionalProperties":false,"required":["type","host","from","to"],"properties":{"type":{"const":"smtp"},"host":{"type":"string","minLength":1},"port":{"type":"integer","minimum":1,"maximum":65535,"default":587},"secure":{"type":"boolean","default":false,"description":"TLS from the start (port 465); otherwise STARTTLS when the server offers it."},"from":{"type":"string","format":"email"},"to":{"type":"array","minItems":1,"items":{"type":"string","format":"email"}},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}},"githubProvider":{"title":"GitHubProvider","type":"object","description":"Commit statuses on GitHub (`POST /repos/OWNER/NAME/statuses/SHA`): pending while a commit is tried, then success or failure, linking to the console. `secretRef` holds a token with `repo:status` (the whole first line).","additionalProperties":false,"required":["type","repository","secretRef"],"properties":{"type":{"const":"github"},"repository":{"type":"string","pattern":"^[^/\\s]+/[^/\\s]+$","description":"`owner/name`."},"url":{"type":"string","format":"uri","pattern":"^https?://","default":"https://api.github.com","description":"API base URL (GitHub Enterprise: `https://HOST/api/v3`)."},"context":{"type":"string","minLength":1,"default":"updops"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}},"gitlabProvider":{"title":"GitLabProvider","type":"object","description":"Commit statuses on GitLab (`POST /projects/ID/statuses/SHA`). `secretRef` holds a token with `api` scope.","additionalProperties":false,"required":["type","repository","secretRef"],"properties":{"type":{"const":"gitlab"},"repository":{"type":"string","pattern":"^\\S+/\\S+$","description":"The project's path, `group/name`."},"url":{"type":"string","format":"uri","pattern":"^https?://","default":"https://gitlab.com/api/v4"},"context":{"type":"string","minLength":1,"default":"updops"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}},"giteaProvider":{"title":"GiteaProvider","type":"object","description":"Commit statuses on Gitea or Forgejo (`POST /repos/OWNER/NAME/statuses/SHA`). `secretRef` holds an access token.","additionalProperties":false,"required":["type","repository","url","secretRef"],"properties":{"type":{"const":"gitea"},"repository":{"type":"string","pattern":"^[^/\\s]+/[^/\\s]+$"},"url":{"type":"string","format":"uri","pattern":"^https?://","description":"API base URL, `https://HOST/api/v1`."},"context":{"type":"string","minLength":1,"default":"updops"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}}}};
const schema106 = {"type":"string","enum":["ReconcileFailed","ReconcileApplied","RunFailed","BasesAreOutOfDate","BasesAreTotallyOutOfDate","ApplicationRolledBack","DistributionPointWithholding","DistributionPointFresh","RolloutWaveStarted","RolloutHalted","RolloutResumed","RolloutCompleted","UpdatesVerificationStarted","UpdatesVerified","UpdatesVerificationFailed"],"description":"An event updops records: a commit applied or failed, a run failed, a device's databases out of date or totally out of date, an application rolled back, a DP withholding updates (expired or older timestamp than its source) or fresh again, a rollout's wave started, the rollout halted, resumed or completed, a release verified on test devices or failed there."};

function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "labels")) || (key0 === "annotations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.name.type,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
const _errs7 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 100){
const err4 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var valid2 = _errs7 === errors;
if(!valid2){
const err5 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
for(const key2 in data1){
let data2 = data1[key2];
if(typeof data2 === "string"){
if(func2(data2) > 1000){
const err6 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.annotations !== undefined){
let data3 = data.annotations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key3 in data3){
const _errs14 = errors;
if(typeof key3 === "string"){
if(func2(key3) > 100){
const err9 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid5 = _errs14 === errors;
if(!valid5){
const err10 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key4 in data3){
let data4 = data3[key4];
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err11 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate62.errors = vErrors;
return errors === 0;
}

const schema107 = {"title":"WebhookProvider","type":"object","description":"A generic JSON webhook: each event is POSTed as `{type, severity, message, subject, time, data, text}`. With `secretRef`, the body is signed: `X-Updops-Signature-256: sha256=<HMAC-SHA256 of the body>` keyed by the secret.","additionalProperties":false,"required":["type","url"],"properties":{"type":{"const":"webhook"},"url":{"type":"string","format":"uri","pattern":"^https?://","description":"Where events are POSTed."},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}};

function validate64(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema107.required,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema107.required,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "url")) || (key0 === "secretRef"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("webhook" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "webhook"},message:"must be equal to constant",schema:"webhook",parentSchema:schema107.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!pattern1.test(data1)){
const err4 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema107.properties.url,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!(formats0(data1))){
const err5 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema107.properties.url,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema107.properties.url.type,parentSchema:schema107.properties.url,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.secretRef !== undefined){
let data2 = data.secretRef;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(Object.keys(data2).length > 1){
const err7 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(Object.keys(data2).length < 1){
const err8 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data2){
if(!((key1 === "env") || (key1 === "file"))){
const err9 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data2.env !== undefined){
let data3 = data2.env;
if(typeof data3 === "string"){
if(!pattern3.test(data3)){
const err10 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data2.file !== undefined){
let data4 = data2.file;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err12 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema107.type,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate64.errors = vErrors;
return errors === 0;
}

const schema109 = {"title":"SlackProvider","type":"object","description":"A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{text}` is POSTed. The webhook's URL is itself the credential, so it is given only by `secretRef`: the variable or file holds the URL.","additionalProperties":false,"required":["type","secretRef"],"properties":{"type":{"const":"slack"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}};

function validate65(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema109.required,parentSchema:schema109,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.secretRef === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "secretRef"},message:"must have required property '"+"secretRef"+"'",schema:schema109.required,parentSchema:schema109,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "type") || (key0 === "secretRef"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema109,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("slack" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "slack"},message:"must be equal to constant",schema:"slack",parentSchema:schema109.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.secretRef !== undefined){
let data1 = data.secretRef;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length > 1){
const err4 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Object.keys(data1).length < 1){
const err5 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "env") || (key1 === "file"))){
const err6 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.env !== undefined){
let data2 = data1.env;
if(typeof data2 === "string"){
if(!pattern3.test(data2)){
const err7 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.file !== undefined){
let data3 = data1.file;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err9 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema109.type,parentSchema:schema109,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate65.errors = vErrors;
return errors === 0;
}

const schema111 = {"title":"SmtpProvider","type":"object","description":"E-mail over SMTP: one message per event, subject `updops: TYPE`, body the message text. `secretRef` holds `user:password` when the server wants a login.","additionalProperties":false,"required":["type","host","from","to"],"properties":{"type":{"const":"smtp"},"host":{"type":"string","minLength":1},"port":{"type":"integer","minimum":1,"maximum":65535,"default":587},"secure":{"type":"boolean","default":false,"description":"TLS from the start (port 465); otherwise STARTTLS when the server offers it."},"from":{"type":"string","format":"email"},"to":{"type":"array","minItems":1,"items":{"type":"string","format":"email"}},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}};
const formats16 = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function validate66(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema111.required,parentSchema:schema111,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.host === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema111.required,parentSchema:schema111,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.from === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema111.required,parentSchema:schema111,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.to === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema111.required,parentSchema:schema111,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "type") || (key0 === "host")) || (key0 === "port")) || (key0 === "secure")) || (key0 === "from")) || (key0 === "to")) || (key0 === "secretRef"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema111,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("smtp" !== data0){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "smtp"},message:"must be equal to constant",schema:"smtp",parentSchema:schema111.properties.type,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.host !== undefined){
let data1 = data.host;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err6 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema111.properties.host,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.host.type,parentSchema:schema111.properties.host,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.port !== undefined){
let data2 = data.port;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema111.properties.port.type,parentSchema:schema111.properties.port,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema111.properties.port,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err10 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema111.properties.port,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data.secure !== undefined){
let data3 = data.secure;
if(typeof data3 !== "boolean"){
const err11 = {instancePath:instancePath+"/secure",schemaPath:"#/properties/secure/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema111.properties.secure.type,parentSchema:schema111.properties.secure,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.from !== undefined){
let data4 = data.from;
if(typeof data4 === "string"){
if(!(formats16.test(data4))){
const err12 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/format",keyword:"format",params:{format: "email"},message:"must match format \""+"email"+"\"",schema:"email",parentSchema:schema111.properties.from,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.from.type,parentSchema:schema111.properties.from,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.to !== undefined){
let data5 = data.to;
if(Array.isArray(data5)){
if(data5.length < 1){
const err14 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema111.properties.to,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(!(formats16.test(data6))){
const err15 = {instancePath:instancePath+"/to/" + i0,schemaPath:"#/properties/to/items/format",keyword:"format",params:{format: "email"},message:"must match format \""+"email"+"\"",schema:"email",parentSchema:schema111.properties.to.items,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/to/" + i0,schemaPath:"#/properties/to/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.to.items.type,parentSchema:schema111.properties.to.items,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema111.properties.to.type,parentSchema:schema111.properties.to,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.secretRef !== undefined){
let data7 = data.secretRef;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(Object.keys(data7).length > 1){
const err18 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(Object.keys(data7).length < 1){
const err19 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
for(const key1 in data7){
if(!((key1 === "env") || (key1 === "file"))){
const err20 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data7.env !== undefined){
let data8 = data7.env;
if(typeof data8 === "string"){
if(!pattern3.test(data8)){
const err21 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data7.file !== undefined){
let data9 = data7.file;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err23 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema111.type,parentSchema:schema111,data};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
validate66.errors = vErrors;
return errors === 0;
}

const schema113 = {"title":"GitHubProvider","type":"object","description":"Commit statuses on GitHub (`POST /repos/OWNER/NAME/statuses/SHA`): pending while a commit is tried, then success or failure, linking to the console. `secretRef` holds a token with `repo:status` (the whole first line).","additionalProperties":false,"required":["type","repository","secretRef"],"properties":{"type":{"const":"github"},"repository":{"type":"string","pattern":"^[^/\\s]+/[^/\\s]+$","description":"`owner/name`."},"url":{"type":"string","format":"uri","pattern":"^https?://","default":"https://api.github.com","description":"API base URL (GitHub Enterprise: `https://HOST/api/v3`)."},"context":{"type":"string","minLength":1,"default":"updops"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}};
const pattern26 = new RegExp("^[^/\\s]+/[^/\\s]+$", "u");

function validate67(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.repository === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.secretRef === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "secretRef"},message:"must have required property '"+"secretRef"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "type") || (key0 === "repository")) || (key0 === "url")) || (key0 === "context")) || (key0 === "secretRef"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("github" !== data0){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "github"},message:"must be equal to constant",schema:"github",parentSchema:schema113.properties.type,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.repository !== undefined){
let data1 = data.repository;
if(typeof data1 === "string"){
if(!pattern26.test(data1)){
const err5 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/pattern",keyword:"pattern",params:{pattern: "^[^/\\s]+/[^/\\s]+$"},message:"must match pattern \""+"^[^/\\s]+/[^/\\s]+$"+"\"",schema:"^[^/\\s]+/[^/\\s]+$",parentSchema:schema113.properties.repository,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.repository.type,parentSchema:schema113.properties.repository,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.url !== undefined){
let data2 = data.url;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err7 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema113.properties.url,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!(formats0(data2))){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema113.properties.url,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.url.type,parentSchema:schema113.properties.url,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.context !== undefined){
let data3 = data.context;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err10 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema113.properties.context,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.context.type,parentSchema:schema113.properties.context,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.secretRef !== undefined){
let data4 = data.secretRef;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(Object.keys(data4).length > 1){
const err12 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(Object.keys(data4).length < 1){
const err13 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "env") || (key1 === "file"))){
const err14 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.env !== undefined){
let data5 = data4.env;
if(typeof data5 === "string"){
if(!pattern3.test(data5)){
const err15 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.file !== undefined){
let data6 = data4.file;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err17 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema113.type,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate67.errors = vErrors;
return errors === 0;
}

const schema115 = {"title":"GitLabProvider","type":"object","description":"Commit statuses on GitLab (`POST /projects/ID/statuses/SHA`). `secretRef` holds a token with `api` scope.","additionalProperties":false,"required":["type","repository","secretRef"],"properties":{"type":{"const":"gitlab"},"repository":{"type":"string","pattern":"^\\S+/\\S+$","description":"The project's path, `group/name`."},"url":{"type":"string","format":"uri","pattern":"^https?://","default":"https://gitlab.com/api/v4"},"context":{"type":"string","minLength":1,"default":"updops"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}};
const pattern29 = new RegExp("^\\S+/\\S+$", "u");

function validate68(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema115.required,parentSchema:schema115,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.repository === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'",schema:schema115.required,parentSchema:schema115,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.secretRef === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "secretRef"},message:"must have required property '"+"secretRef"+"'",schema:schema115.required,parentSchema:schema115,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "type") || (key0 === "repository")) || (key0 === "url")) || (key0 === "context")) || (key0 === "secretRef"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema115,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("gitlab" !== data0){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "gitlab"},message:"must be equal to constant",schema:"gitlab",parentSchema:schema115.properties.type,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.repository !== undefined){
let data1 = data.repository;
if(typeof data1 === "string"){
if(!pattern29.test(data1)){
const err5 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/pattern",keyword:"pattern",params:{pattern: "^\\S+/\\S+$"},message:"must match pattern \""+"^\\S+/\\S+$"+"\"",schema:"^\\S+/\\S+$",parentSchema:schema115.properties.repository,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema115.properties.repository.type,parentSchema:schema115.properties.repository,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.url !== undefined){
let data2 = data.url;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err7 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema115.properties.url,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!(formats0(data2))){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema115.properties.url,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema115.properties.url.type,parentSchema:schema115.properties.url,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.context !== undefined){
let data3 = data.context;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err10 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema115.properties.context,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema115.properties.context.type,parentSchema:schema115.properties.context,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.secretRef !== undefined){
let data4 = data.secretRef;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(Object.keys(data4).length > 1){
const err12 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(Object.keys(data4).length < 1){
const err13 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "env") || (key1 === "file"))){
const err14 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.env !== undefined){
let data5 = data4.env;
if(typeof data5 === "string"){
if(!pattern3.test(data5)){
const err15 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.file !== undefined){
let data6 = data4.file;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err17 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema115.type,parentSchema:schema115,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate68.errors = vErrors;
return errors === 0;
}

const schema117 = {"title":"GiteaProvider","type":"object","description":"Commit statuses on Gitea or Forgejo (`POST /repos/OWNER/NAME/statuses/SHA`). `secretRef` holds an access token.","additionalProperties":false,"required":["type","repository","url","secretRef"],"properties":{"type":{"const":"gitea"},"repository":{"type":"string","pattern":"^[^/\\s]+/[^/\\s]+$"},"url":{"type":"string","format":"uri","pattern":"^https?://","description":"API base URL, `https://HOST/api/v1`."},"context":{"type":"string","minLength":1,"default":"updops"},"secretRef":{"$ref":"defs.json#/definitions/secretRef"}}};

function validate69(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema117.required,parentSchema:schema117,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.repository === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'",schema:schema117.required,parentSchema:schema117,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.url === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema117.required,parentSchema:schema117,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.secretRef === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "secretRef"},message:"must have required property '"+"secretRef"+"'",schema:schema117.required,parentSchema:schema117,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "type") || (key0 === "repository")) || (key0 === "url")) || (key0 === "context")) || (key0 === "secretRef"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema117,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("gitea" !== data0){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "gitea"},message:"must be equal to constant",schema:"gitea",parentSchema:schema117.properties.type,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.repository !== undefined){
let data1 = data.repository;
if(typeof data1 === "string"){
if(!pattern26.test(data1)){
const err6 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/pattern",keyword:"pattern",params:{pattern: "^[^/\\s]+/[^/\\s]+$"},message:"must match pattern \""+"^[^/\\s]+/[^/\\s]+$"+"\"",schema:"^[^/\\s]+/[^/\\s]+$",parentSchema:schema117.properties.repository,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema117.properties.repository.type,parentSchema:schema117.properties.repository,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.url !== undefined){
let data2 = data.url;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema117.properties.url,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!(formats0(data2))){
const err9 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema117.properties.url,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema117.properties.url.type,parentSchema:schema117.properties.url,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.context !== undefined){
let data3 = data.context;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err11 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema117.properties.context,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema117.properties.context.type,parentSchema:schema117.properties.context,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.secretRef !== undefined){
let data4 = data.secretRef;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(Object.keys(data4).length > 1){
const err13 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(Object.keys(data4).length < 1){
const err14 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "env") || (key1 === "file"))){
const err15 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.env !== undefined){
let data5 = data4.env;
if(typeof data5 === "string"){
if(!pattern3.test(data5)){
const err16 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema27.properties.env,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/secretRef/env",schemaPath:"defs.json#/definitions/secretRef/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.env.type,parentSchema:schema27.properties.env,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data4.file !== undefined){
let data6 = data4.file;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err18 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.file,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/secretRef/file",schemaPath:"defs.json#/definitions/secretRef/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.file.type,parentSchema:schema27.properties.file,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/secretRef",schemaPath:"defs.json#/definitions/secretRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema117.type,parentSchema:schema117,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate69.errors = vErrors;
return errors === 0;
}


function validate61(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="notification.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema101.required,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema101.required,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema101.required,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema101.required,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("updops/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"defs.json#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "updops/v1"},message:"must be equal to constant",schema:"updops/v1",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Notification" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Notification"},message:"must be equal to constant",schema:"Notification",parentSchema:schema101.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
if(!(validate62(data.metadata, {instancePath:instancePath+"/metadata",parentData:data,parentDataProperty:"metadata",rootData}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
}
if(data.spec !== undefined){
let data3 = data.spec;
const _errs8 = errors;
let valid2 = true;
const _errs9 = errors;
if(errors === _errs9){
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.provider !== undefined){
let data4 = data3.provider;
const _errs11 = errors;
if(errors === _errs11){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.type !== undefined){
let data5 = data4.type;
if(typeof data5 !== "string"){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!(((data5 === "webhook") || (data5 === "slack")) || (data5 === "smtp"))){
const err8 = {};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
else {
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
var _valid0 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs15 = errors;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.events === undefined){
const err11 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/then/required",keyword:"required",params:{missingProperty: "events"},message:"must have required property '"+"events"+"'",schema:schema101.properties.spec.then.required,parentSchema:schema101.properties.spec.then,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
var _valid0 = _errs15 === errors;
valid2 = _valid0;
ifClause0 = "then";
}
else {
const _errs16 = errors;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.events !== undefined){
let data6 = data3.events;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 !== "string"){
const err12 = {instancePath:instancePath+"/spec/events/" + i0,schemaPath:"#/properties/spec/else/properties/events/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.spec.else.properties.events.items.type,parentSchema:schema101.properties.spec.else.properties.events.items,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!((data7 === "ReconcileApplied") || (data7 === "ReconcileFailed"))){
const err13 = {instancePath:instancePath+"/spec/events/" + i0,schemaPath:"#/properties/spec/else/properties/events/items/enum",keyword:"enum",params:{allowedValues: schema101.properties.spec.else.properties.events.items.enum},message:"must be equal to one of the allowed values",schema:schema101.properties.spec.else.properties.events.items.enum,parentSchema:schema101.properties.spec.else.properties.events.items,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/spec/events",schemaPath:"#/properties/spec/else/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema101.properties.spec.else.properties.events.type,parentSchema:schema101.properties.spec.else.properties.events,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
var _valid0 = _errs16 === errors;
valid2 = _valid0;
ifClause0 = "else";
}
if(!valid2){
const err15 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema101.properties.spec.if,parentSchema:schema101.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.provider === undefined){
const err16 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "provider"},message:"must have required property '"+"provider"+"'",schema:schema101.properties.spec.required,parentSchema:schema101.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key1 in data3){
if(!((((((key1 === "events") || (key1 === "severity")) || (key1 === "tasks")) || (key1 === "groups")) || (key1 === "template")) || (key1 === "provider"))){
const err17 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema101.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data3.events !== undefined){
let data8 = data3.events;
if(Array.isArray(data8)){
if(data8.length < 1){
const err18 = {instancePath:instancePath+"/spec/events",schemaPath:"#/properties/spec/properties/events/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema101.properties.spec.properties.events,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
let data9 = data8[i1];
if(typeof data9 !== "string"){
const err19 = {instancePath:instancePath+"/spec/events/" + i1,schemaPath:"#/definitions/eventType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema106.type,parentSchema:schema106,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!(((((((((((((((data9 === "ReconcileFailed") || (data9 === "ReconcileApplied")) || (data9 === "RunFailed")) || (data9 === "BasesAreOutOfDate")) || (data9 === "BasesAreTotallyOutOfDate")) || (data9 === "ApplicationRolledBack")) || (data9 === "DistributionPointWithholding")) || (data9 === "DistributionPointFresh")) || (data9 === "RolloutWaveStarted")) || (data9 === "RolloutHalted")) || (data9 === "RolloutResumed")) || (data9 === "RolloutCompleted")) || (data9 === "UpdatesVerificationStarted")) || (data9 === "UpdatesVerified")) || (data9 === "UpdatesVerificationFailed"))){
const err20 = {instancePath:instancePath+"/spec/events/" + i1,schemaPath:"#/definitions/eventType/enum",keyword:"enum",params:{allowedValues: schema106.enum},message:"must be equal to one of the allowed values",schema:schema106.enum,parentSchema:schema106,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
let i2 = data8.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data8[i2], data8[j0])){
const err21 = {instancePath:instancePath+"/spec/events",schemaPath:"#/properties/spec/properties/events/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema101.properties.spec.properties.events,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err22 = {instancePath:instancePath+"/spec/events",schemaPath:"#/properties/spec/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema101.properties.spec.properties.events.type,parentSchema:schema101.properties.spec.properties.events,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data3.severity !== undefined){
let data10 = data3.severity;
if(typeof data10 !== "string"){
const err23 = {instancePath:instancePath+"/spec/severity",schemaPath:"#/properties/spec/properties/severity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.spec.properties.severity.type,parentSchema:schema101.properties.spec.properties.severity,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!(((data10 === "info") || (data10 === "warning")) || (data10 === "error"))){
const err24 = {instancePath:instancePath+"/spec/severity",schemaPath:"#/properties/spec/properties/severity/enum",keyword:"enum",params:{allowedValues: schema101.properties.spec.properties.severity.enum},message:"must be equal to one of the allowed values",schema:schema101.properties.spec.properties.severity.enum,parentSchema:schema101.properties.spec.properties.severity,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data3.tasks !== undefined){
let data11 = data3.tasks;
if(Array.isArray(data11)){
const len2 = data11.length;
for(let i3=0; i3<len2; i3++){
let data12 = data11[i3];
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err25 = {instancePath:instancePath+"/spec/tasks/" + i3,schemaPath:"#/properties/spec/properties/tasks/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema101.properties.spec.properties.tasks.items,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/spec/tasks/" + i3,schemaPath:"#/properties/spec/properties/tasks/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.spec.properties.tasks.items.type,parentSchema:schema101.properties.spec.properties.tasks.items,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
let i4 = data11.length;
let j1;
if(i4 > 1){
const indices0 = {};
for(;i4--;){
let item0 = data11[i4];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err27 = {instancePath:instancePath+"/spec/tasks",schemaPath:"#/properties/spec/properties/tasks/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema101.properties.spec.properties.tasks,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
break;
}
indices0[item0] = i4;
}
}
}
else {
const err28 = {instancePath:instancePath+"/spec/tasks",schemaPath:"#/properties/spec/properties/tasks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema101.properties.spec.properties.tasks.type,parentSchema:schema101.properties.spec.properties.tasks,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data3.groups !== undefined){
let data13 = data3.groups;
if(Array.isArray(data13)){
const len3 = data13.length;
for(let i5=0; i5<len3; i5++){
let data14 = data13[i5];
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err29 = {instancePath:instancePath+"/spec/groups/" + i5,schemaPath:"#/properties/spec/properties/groups/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema101.properties.spec.properties.groups.items,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/spec/groups/" + i5,schemaPath:"#/properties/spec/properties/groups/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.spec.properties.groups.items.type,parentSchema:schema101.properties.spec.properties.groups.items,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let i6 = data13.length;
let j2;
if(i6 > 1){
const indices1 = {};
for(;i6--;){
let item1 = data13[i6];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j2 = indices1[item1];
const err31 = {instancePath:instancePath+"/spec/groups",schemaPath:"#/properties/spec/properties/groups/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)",schema:true,parentSchema:schema101.properties.spec.properties.groups,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
break;
}
indices1[item1] = i6;
}
}
}
else {
const err32 = {instancePath:instancePath+"/spec/groups",schemaPath:"#/properties/spec/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema101.properties.spec.properties.groups.type,parentSchema:schema101.properties.spec.properties.groups,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data3.template !== undefined){
let data15 = data3.template;
if(typeof data15 === "string"){
if(func2(data15) > 4000){
const err33 = {instancePath:instancePath+"/spec/template",schemaPath:"#/properties/spec/properties/template/maxLength",keyword:"maxLength",params:{limit: 4000},message:"must NOT have more than 4000 characters",schema:4000,parentSchema:schema101.properties.spec.properties.template,data:data15};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(func2(data15) < 1){
const err34 = {instancePath:instancePath+"/spec/template",schemaPath:"#/properties/spec/properties/template/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema101.properties.spec.properties.template,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/spec/template",schemaPath:"#/properties/spec/properties/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.spec.properties.template.type,parentSchema:schema101.properties.spec.properties.template,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data3.provider !== undefined){
let data16 = data3.provider;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.type === undefined){
const err36 = {instancePath:instancePath+"/spec/provider",schemaPath:"#/properties/spec/properties/provider/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema101.properties.spec.properties.provider.required,parentSchema:schema101.properties.spec.properties.provider,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data16.type !== undefined){
let data17 = data16.type;
if(typeof data17 !== "string"){
const err37 = {instancePath:instancePath+"/spec/provider/type",schemaPath:"#/properties/spec/properties/provider/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.spec.properties.provider.properties.type.type,parentSchema:schema101.properties.spec.properties.provider.properties.type,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(!((((((data17 === "webhook") || (data17 === "slack")) || (data17 === "smtp")) || (data17 === "github")) || (data17 === "gitlab")) || (data17 === "gitea"))){
const err38 = {instancePath:instancePath+"/spec/provider/type",schemaPath:"#/properties/spec/properties/provider/properties/type/enum",keyword:"enum",params:{allowedValues: schema101.properties.spec.properties.provider.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema101.properties.spec.properties.provider.properties.type.enum,parentSchema:schema101.properties.spec.properties.provider.properties.type,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
const tag0 = data16.type;
if(typeof tag0 == "string"){
if(tag0 === "webhook"){
if(!(validate64(data16, {instancePath:instancePath+"/spec/provider",parentData:data3,parentDataProperty:"provider",rootData}))){
vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
errors = vErrors.length;
}
}
else if(tag0 === "slack"){
if(!(validate65(data16, {instancePath:instancePath+"/spec/provider",parentData:data3,parentDataProperty:"provider",rootData}))){
vErrors = vErrors === null ? validate65.errors : vErrors.concat(validate65.errors);
errors = vErrors.length;
}
}
else if(tag0 === "smtp"){
if(!(validate66(data16, {instancePath:instancePath+"/spec/provider",parentData:data3,parentDataProperty:"provider",rootData}))){
vErrors = vErrors === null ? validate66.errors : vErrors.concat(validate66.errors);
errors = vErrors.length;
}
}
else if(tag0 === "github"){
if(!(validate67(data16, {instancePath:instancePath+"/spec/provider",parentData:data3,parentDataProperty:"provider",rootData}))){
vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
errors = vErrors.length;
}
}
else if(tag0 === "gitlab"){
if(!(validate68(data16, {instancePath:instancePath+"/spec/provider",parentData:data3,parentDataProperty:"provider",rootData}))){
vErrors = vErrors === null ? validate68.errors : vErrors.concat(validate68.errors);
errors = vErrors.length;
}
}
else if(tag0 === "gitea"){
if(!(validate69(data16, {instancePath:instancePath+"/spec/provider",parentData:data3,parentDataProperty:"provider",rootData}))){
vErrors = vErrors === null ? validate69.errors : vErrors.concat(validate69.errors);
errors = vErrors.length;
}
}
else {
const err39 = {instancePath:instancePath+"/spec/provider",schemaPath:"#/properties/spec/properties/provider/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema101.properties.spec.properties.provider.discriminator,parentSchema:schema101.properties.spec.properties.provider,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/spec/provider",schemaPath:"#/properties/spec/properties/provider/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema101.properties.spec.properties.provider.discriminator,parentSchema:schema101.properties.spec.properties.provider,data:data16};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/spec/provider",schemaPath:"#/properties/spec/properties/provider/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema101.properties.spec.properties.provider.type,parentSchema:schema101.properties.spec.properties.provider,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema101.properties.spec.type,parentSchema:schema101.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema101.type,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
validate61.errors = vErrors;
return errors === 0;
}

exports.Rollout = validate76;
const schema119 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"rollout.json","title":"Rollout","description":"Rolls a version out to an Update task's devices in waves (issue 19, docs/architecture.md \"Rollouts\"): the devices of the first wave get `version`, the rest stay on the task's own pinned `spec.version` until the wave passes its success threshold; a wave whose failures pass its error threshold halts the rollout (event `RolloutHalted`). A device succeeds when it reports the version installed and, after a module install, healthy after the restart and health check; one silent for `pendingTimeout` counts as failed. A halted rollout resumes by a commit that changes this spec (e.g. bump `resume`) or `updops rollout resume NAME`.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"$ref":"defs.json#/definitions/apiVersion"},"kind":{"const":"Rollout"},"metadata":{"$ref":"defs.json#/definitions/metadata"},"spec":{"title":"RolloutSpec","type":"object","additionalProperties":false,"required":["task","version","waves"],"properties":{"task":{"type":"string","minLength":1,"description":"The Update task whose devices roll out. It must pin the version its devices hold now (`spec.version`): devices outside the admitted waves stay on it."},"version":{"type":"string","minLength":1,"maxLength":100,"description":"The version rolled out: the targets' custom `version`, as in a task's `spec.version`."},"waves":{"type":"array","minItems":1,"maxItems":20,"description":"In order. Each wave takes the task's devices its selection names that no earlier wave took; after the last wave every device of the task is in.","items":{"$ref":"#/definitions/wave"}},"resume":{"type":"integer","minimum":0,"description":"Bump to resume a halted rollout by a commit without changing anything else (any change of this spec resumes it)."}}}},"definitions":{"wave":{"title":"RolloutWave","type":"object","additionalProperties":false,"required":["name"],"minProperties":2,"properties":{"name":{"type":"string","minLength":1,"maxLength":100},"devices":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1},"description":"These devices of the task."},"groups":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1},"description":"The task's devices in these groups (not their subgroups)."},"selector":{"$ref":"task.json#/definitions/labelSelector","description":"The task's devices with these labels."},"percent":{"type":"integer","minimum":1,"maximum":100,"description":"Up to this share of all the task's devices in this and earlier waves, chosen by a stable hash of the rollout and device names (100: every device left)."},"successThreshold":{"type":"integer","minimum":0,"maximum":100,"default":100,"description":"Percent of the wave's devices that must succeed before the next wave starts."},"errorThreshold":{"type":"integer","minimum":0,"maximum":100,"default":0,"description":"The rollout halts when more than this percent of the wave's devices failed (0: any failure halts)."},"pendingTimeout":{"type":"string","pattern":"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$","minLength":2,"default":"1h","description":"A device of the wave that has not succeeded this long after the wave started counts as failed: `30s`, `10m`, `2h`, `1d`."}}}}};

function validate77(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "labels")) || (key0 === "annotations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.name.type,parentSchema:schema14.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
const _errs7 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 100){
const err4 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var valid2 = _errs7 === errors;
if(!valid2){
const err5 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
for(const key2 in data1){
let data2 = data1[key2];
if(typeof data2 === "string"){
if(func2(data2) > 1000){
const err6 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/labels",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.annotations !== undefined){
let data3 = data.annotations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key3 in data3){
const _errs14 = errors;
if(typeof key3 === "string"){
if(func2(key3) > 100){
const err9 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema15.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid5 = _errs14 === errors;
if(!valid5){
const err10 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema15.propertyNames,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key4 in data3){
let data4 = data3[key4];
if(typeof data4 === "string"){
if(func2(data4) > 1000){
const err11 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.additionalProperties.type,parentSchema:schema15.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/annotations",schemaPath:"#/definitions/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate77.errors = vErrors;
return errors === 0;
}

const schema124 = {"title":"RolloutWave","type":"object","additionalProperties":false,"required":["name"],"minProperties":2,"properties":{"name":{"type":"string","minLength":1,"maxLength":100},"devices":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1},"description":"These devices of the task."},"groups":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1},"description":"The task's devices in these groups (not their subgroups)."},"selector":{"$ref":"task.json#/definitions/labelSelector","description":"The task's devices with these labels."},"percent":{"type":"integer","minimum":1,"maximum":100,"description":"Up to this share of all the task's devices in this and earlier waves, chosen by a stable hash of the rollout and device names (100: every device left)."},"successThreshold":{"type":"integer","minimum":0,"maximum":100,"default":100,"description":"Percent of the wave's devices that must succeed before the next wave starts."},"errorThreshold":{"type":"integer","minimum":0,"maximum":100,"default":0,"description":"The rollout halts when more than this percent of the wave's devices failed (0: any failure halts)."},"pendingTimeout":{"type":"string","pattern":"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$","minLength":2,"default":"1h","description":"A device of the wave that has not succeeded this long after the wave started counts as failed: `30s`, `10m`, `2h`, `1d`."}}};

function validate79(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 2){
const err0 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 2},message:"must NOT have fewer than 2 properties",schema:2,parentSchema:schema124,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema124.required,parentSchema:schema124,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "name") || (key0 === "devices")) || (key0 === "groups")) || (key0 === "selector")) || (key0 === "percent")) || (key0 === "successThreshold")) || (key0 === "errorThreshold")) || (key0 === "pendingTimeout"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema124,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) > 100){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema124.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema124.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.name.type,parentSchema:schema124.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.devices !== undefined){
let data1 = data.devices;
if(Array.isArray(data1)){
if(data1.length < 1){
const err6 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema124.properties.devices,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err7 = {instancePath:instancePath+"/devices/" + i0,schemaPath:"#/properties/devices/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema124.properties.devices.items,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/devices/" + i0,schemaPath:"#/properties/devices/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.devices.items.type,parentSchema:schema124.properties.devices.items,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err9 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema124.properties.devices,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err10 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema124.properties.devices.type,parentSchema:schema124.properties.devices,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.groups !== undefined){
let data3 = data.groups;
if(Array.isArray(data3)){
if(data3.length < 1){
const err11 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema124.properties.groups,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const len1 = data3.length;
for(let i2=0; i2<len1; i2++){
let data4 = data3[i2];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err12 = {instancePath:instancePath+"/groups/" + i2,schemaPath:"#/properties/groups/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema124.properties.groups.items,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/groups/" + i2,schemaPath:"#/properties/groups/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.groups.items.type,parentSchema:schema124.properties.groups.items,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
let i3 = data3.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data3[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err14 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema124.properties.groups,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err15 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema124.properties.groups.type,parentSchema:schema124.properties.groups,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.selector !== undefined){
let data5 = data.selector;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.matchLabels === undefined){
const err16 = {instancePath:instancePath+"/selector",schemaPath:"task.json#/definitions/labelSelector/required",keyword:"required",params:{missingProperty: "matchLabels"},message:"must have required property '"+"matchLabels"+"'",schema:schema42.required,parentSchema:schema42,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key1 in data5){
if(!(key1 === "matchLabels")){
const err17 = {instancePath:instancePath+"/selector",schemaPath:"task.json#/definitions/labelSelector/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.matchLabels !== undefined){
let data6 = data5.matchLabels;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(Object.keys(data6).length < 1){
const err18 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"task.json#/definitions/labelSelector/properties/matchLabels/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema42.properties.matchLabels,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key2 in data6){
const _errs18 = errors;
if(typeof key2 === "string"){
if(func2(key2) > 100){
const err19 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"task.json#/definitions/labelSelector/properties/matchLabels/propertyNames/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema42.properties.matchLabels.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
var valid9 = _errs18 === errors;
if(!valid9){
const err20 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"task.json#/definitions/labelSelector/properties/matchLabels/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema42.properties.matchLabels.propertyNames,parentSchema:schema42.properties.matchLabels,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
for(const key3 in data6){
let data7 = data6[key3];
if(typeof data7 === "string"){
if(func2(data7) > 1000){
const err21 = {instancePath:instancePath+"/selector/matchLabels/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"task.json#/definitions/labelSelector/properties/matchLabels/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema42.properties.matchLabels.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/selector/matchLabels/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"task.json#/definitions/labelSelector/properties/matchLabels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.matchLabels.additionalProperties.type,parentSchema:schema42.properties.matchLabels.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/selector/matchLabels",schemaPath:"task.json#/definitions/labelSelector/properties/matchLabels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.properties.matchLabels.type,parentSchema:schema42.properties.matchLabels,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/selector",schemaPath:"task.json#/definitions/labelSelector/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data:data5};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.percent !== undefined){
let data8 = data.percent;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err25 = {instancePath:instancePath+"/percent",schemaPath:"#/properties/percent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema124.properties.percent.type,parentSchema:schema124.properties.percent,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 100 || isNaN(data8)){
const err26 = {instancePath:instancePath+"/percent",schemaPath:"#/properties/percent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema124.properties.percent,data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err27 = {instancePath:instancePath+"/percent",schemaPath:"#/properties/percent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema124.properties.percent,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(data.successThreshold !== undefined){
let data9 = data.successThreshold;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err28 = {instancePath:instancePath+"/successThreshold",schemaPath:"#/properties/successThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema124.properties.successThreshold.type,parentSchema:schema124.properties.successThreshold,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 100 || isNaN(data9)){
const err29 = {instancePath:instancePath+"/successThreshold",schemaPath:"#/properties/successThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema124.properties.successThreshold,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err30 = {instancePath:instancePath+"/successThreshold",schemaPath:"#/properties/successThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema124.properties.successThreshold,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data.errorThreshold !== undefined){
let data10 = data.errorThreshold;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err31 = {instancePath:instancePath+"/errorThreshold",schemaPath:"#/properties/errorThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema124.properties.errorThreshold.type,parentSchema:schema124.properties.errorThreshold,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 100 || isNaN(data10)){
const err32 = {instancePath:instancePath+"/errorThreshold",schemaPath:"#/properties/errorThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema124.properties.errorThreshold,data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data10 < 0 || isNaN(data10)){
const err33 = {instancePath:instancePath+"/errorThreshold",schemaPath:"#/properties/errorThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema124.properties.errorThreshold,data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data.pendingTimeout !== undefined){
let data11 = data.pendingTimeout;
if(typeof data11 === "string"){
if(func2(data11) < 2){
const err34 = {instancePath:instancePath+"/pendingTimeout",schemaPath:"#/properties/pendingTimeout/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema124.properties.pendingTimeout,data:data11};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(!pattern14.test(data11)){
const err35 = {instancePath:instancePath+"/pendingTimeout",schemaPath:"#/properties/pendingTimeout/pattern",keyword:"pattern",params:{pattern: "^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"},message:"must match pattern \""+"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"+"\"",schema:"^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$",parentSchema:schema124.properties.pendingTimeout,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/pendingTimeout",schemaPath:"#/properties/pendingTimeout/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.pendingTimeout.type,parentSchema:schema124.properties.pendingTimeout,data:data11};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema124.type,parentSchema:schema124,data};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate79.errors = vErrors;
return errors === 0;
}


function validate76(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="rollout.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema119.required,parentSchema:schema119,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema119.required,parentSchema:schema119,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema119.required,parentSchema:schema119,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema119.required,parentSchema:schema119,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema119,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("updops/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"defs.json#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "updops/v1"},message:"must be equal to constant",schema:"updops/v1",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Rollout" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Rollout"},message:"must be equal to constant",schema:"Rollout",parentSchema:schema119.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
if(!(validate77(data.metadata, {instancePath:instancePath+"/metadata",parentData:data,parentDataProperty:"metadata",rootData}))){
vErrors = vErrors === null ? validate77.errors : vErrors.concat(validate77.errors);
errors = vErrors.length;
}
}
if(data.spec !== undefined){
let data3 = data.spec;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.task === undefined){
const err7 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "task"},message:"must have required property '"+"task"+"'",schema:schema119.properties.spec.required,parentSchema:schema119.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.version === undefined){
const err8 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema119.properties.spec.required,parentSchema:schema119.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3.waves === undefined){
const err9 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "waves"},message:"must have required property '"+"waves"+"'",schema:schema119.properties.spec.required,parentSchema:schema119.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data3){
if(!((((key1 === "task") || (key1 === "version")) || (key1 === "waves")) || (key1 === "resume"))){
const err10 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema119.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.task !== undefined){
let data4 = data3.task;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err11 = {instancePath:instancePath+"/spec/task",schemaPath:"#/properties/spec/properties/task/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema119.properties.spec.properties.task,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/spec/task",schemaPath:"#/properties/spec/properties/task/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema119.properties.spec.properties.task.type,parentSchema:schema119.properties.spec.properties.task,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.version !== undefined){
let data5 = data3.version;
if(typeof data5 === "string"){
if(func2(data5) > 100){
const err13 = {instancePath:instancePath+"/spec/version",schemaPath:"#/properties/spec/properties/version/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema119.properties.spec.properties.version,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(func2(data5) < 1){
const err14 = {instancePath:instancePath+"/spec/version",schemaPath:"#/properties/spec/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema119.properties.spec.properties.version,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/spec/version",schemaPath:"#/properties/spec/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema119.properties.spec.properties.version.type,parentSchema:schema119.properties.spec.properties.version,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.waves !== undefined){
let data6 = data3.waves;
if(Array.isArray(data6)){
if(data6.length > 20){
const err16 = {instancePath:instancePath+"/spec/waves",schemaPath:"#/properties/spec/properties/waves/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items",schema:20,parentSchema:schema119.properties.spec.properties.waves,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data6.length < 1){
const err17 = {instancePath:instancePath+"/spec/waves",schemaPath:"#/properties/spec/properties/waves/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema119.properties.spec.properties.waves,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate79(data6[i0], {instancePath:instancePath+"/spec/waves/" + i0,parentData:data6,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate79.errors : vErrors.concat(validate79.errors);
errors = vErrors.length;
}
}
}
else {
const err18 = {instancePath:instancePath+"/spec/waves",schemaPath:"#/properties/spec/properties/waves/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema119.properties.spec.properties.waves.type,parentSchema:schema119.properties.spec.properties.waves,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.resume !== undefined){
let data8 = data3.resume;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err19 = {instancePath:instancePath+"/spec/resume",schemaPath:"#/properties/spec/properties/resume/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema119.properties.spec.properties.resume.type,parentSchema:schema119.properties.spec.properties.resume,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err20 = {instancePath:instancePath+"/spec/resume",schemaPath:"#/properties/spec/properties/resume/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema119.properties.spec.properties.resume,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
else {
const err21 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema119.properties.spec.type,parentSchema:schema119.properties.spec,data:data3};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema119.type,parentSchema:schema119,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate76.errors = vErrors;
return errors === 0;
}

