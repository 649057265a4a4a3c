// Tags inside strings are not tags: shell/Ruby/Perl here-documents and Python triple-quoted strings that are
// not docstrings (a docstring, starting its own line, is still read like a comment).
import { strict as assert } from 'node:assert';
import { canResumeAtLineStarts, scanTags } from '../../src/core/tags/tagScanner';

const ids = (text: string, file: string) => scanTags(text, file).tags.map((t) => t.ids.map((i) => i.id).join());

describe('here-documents are strings', () => {
  it('shell: the body up to the delimiter line is skipped, the rest of the opener line is code', () => {
    const text = [
      'cat <<EOF > out.txt # @intent kr:opener-line',
      '# @intent kr:in-body',
      '# TODO: not a marker either',
      'EOF',
      '# @intent kr:after',
    ].join('\n');
    assert.deepEqual(ids(text, 'a.sh'), ['kr:opener-line', 'kr:after']);
    assert.deepEqual(scanTags(text, 'a.sh').markers, []);
  });

  it('shell: <<-, quoted and escaped delimiters; a line that merely contains the word does not end it', () => {
    const body = '# @intent kr:in-body\n  EOF not yet\nEOFX\n';
    assert.deepEqual(ids(`cat <<-EOF\n${body}\t\tEOF\n# @intent kr:a`, 'a.sh'), ['kr:a']);
    assert.deepEqual(ids(`cat << 'EOF'\n${body}EOF\n# @intent kr:b`, 'a.bash'), ['kr:b']);
    assert.deepEqual(ids(`cat <<"EOF"\n${body}EOF\r\n# @intent kr:c`, 'a.zsh'), ['kr:c']);
    assert.deepEqual(ids(`cat <<\\EOF\n${body}EOF\n# @intent kr:d`, 'a.sh'), ['kr:d']);
    assert.deepEqual(ids('RUN <<EOF\n# @intent kr:x\nEOF\n# @intent kr:e', 'Dockerfile'), ['kr:e']);
  });

  it('shell: here-strings, shifts and a body that never ends', () => {
    assert.deepEqual(ids('cat <<< "$x"\n# @intent kr:a', 'a.sh'), ['kr:a']);
    assert.deepEqual(ids('echo $((1<<2))\n# @intent kr:b', 'a.sh'), ['kr:b']);
    assert.deepEqual(ids('cat <<EOF\n# @intent kr:never-closed\n', 'a.sh'), []);
  });

  it('ruby and perl: squiggly, dash, quoted and capital-word heredocs; `class << self` and `a << b` are code', () => {
    assert.deepEqual(ids('q = <<~SQL\n  # @intent kr:in-sql\n  SQL\n# @intent kr:a', 'a.rb'), ['kr:a']);
    assert.deepEqual(ids('q = <<-EOS\n# @intent kr:x\n    EOS\n# @intent kr:b', 'a.rb'), ['kr:b']);
    assert.deepEqual(ids("q = <<'EOS'\n# @intent kr:x\nEOS\n# @intent kr:c", 'a.rb'), ['kr:c']);
    assert.deepEqual(ids('q = foo(<<EOS) # @intent kr:d\n# @intent kr:x\nEOS', 'a.rb'), ['kr:d']);
    assert.deepEqual(ids('class << self\n  # @intent kr:e\nend\nlist << item # @intent kr:f\nx <<y', 'a.rb'), ['kr:e', 'kr:f']);
    assert.deepEqual(ids('print <<"END";\n# @intent kr:x\nEND\n# @intent kr:g', 'a.pl'), ['kr:g']);
  });

  it('a language with here-documents is lexed from the top, never resumed at a line start', () => {
    assert.ok(!canResumeAtLineStarts('a.sh'));
    assert.ok(!canResumeAtLineStarts('a.rb'));
    assert.ok(canResumeAtLineStarts('a.py'), 'a docstring is decided from its own line only');
  });
});

describe('python: triple-quoted strings are strings unless they are docstrings', () => {
  it('reads tags in module, function and class docstrings (raw ones too)', () => {
    const text = [
      '"""@intent-file obj:module"""',
      'def f():',
      '    """Search.',
      '',
      '    @intent kr:function',
      '    """',
      'class C:',
      "    r'''@debt debt:raw \\d'''",
    ].join('\n');
    assert.deepEqual(ids(text, 'a.py'), ['obj:module', 'kr:function', 'debt:raw']);
  });

  it('does not read tags in triple-quoted strings inside expressions', () => {
    const text = [
      'SQL = """',
      '# @intent kr:in-assignment',
      '"""',
      'print("""@intent kr:in-call""")',
      "x = f'''@intent kr:in-fstring'''",
      'return """a \\""" @intent kr:escaped-quote"""',
      '# @intent kr:real',
    ].join('\n');
    assert.deepEqual(ids(text, 'a.py'), ['kr:real']);
  });

  it('a # inside a string is not a comment, and a docstring ends at its own closer', () => {
    const text = 'x = """ # @intent kr:no """\n"""doc"""\n# @intent kr:yes';
    assert.deepEqual(ids(text, 'a.py'), ['kr:yes']);
  });
});
