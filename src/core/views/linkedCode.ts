// The sidebar's model is the folder's code model (src/core/model/codeModel.ts); this name stays for callers
// written against the view model it grew out of.
export { CodeModel as ViewModel } from '../model/codeModel';
