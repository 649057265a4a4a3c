// The sidebar's model is the folder's code model (src/core/model/codeModel.ts); these names stay for callers
// written against the view model it grew out of.
export { CodeModel as ViewModel, type LinkedFile, type ModelIndex as ViewIndex } from '../model/codeModel';
