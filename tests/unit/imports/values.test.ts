import { describe, expect, it } from 'vitest';
import { countryCode } from '../../../electron/core/imports/countries';
import { autoMapping, findHeaderRow } from '../../../electron/core/imports/headers';
import type { ImportField } from '../../../electron/core/imports/fields';
import { prepareRow } from '../../../electron/core/imports/rows';
import { genderOf } from '../../../electron/core/imports/values';

const context = { eventId: '4a0f6a4e-8b4f-4f0e-9d3e-2f1b6c7d8e9f', eventCountry: 'KE' };

/** One row through a mapping of the given fields, in order. */
function row(fields: (ImportField | null)[], cells: string[], defaults = {}) {
  return prepareRow(2, cells, { columns: fields, defaults }, context);
}

const basic: ImportField[] = ['givenNames', 'familyName', 'gender', 'country', 'organisation'];

describe('mapping columns from their headers', () => {
  it.each([
    ['English', ['First name', 'Last name', 'Sex', 'Country', 'Organization', 'E-mail', 'Mobile', 'Job title']],
    ['French', ['Prénom', 'Nom', 'Sexe', 'Pays', 'Organisme', 'Courriel', 'Téléphone', 'Fonction']],
    ['Spanish', ['Nombre', 'Apellidos', 'Sexo', 'País', 'Institución', 'Correo electrónico', 'Teléfono', 'Cargo']],
    ['Russian', ['Имя', 'Фамилия', 'Пол', 'Страна', 'Организация', 'Эл. почта', 'Телефон', 'Должность']],
  ])('%s', (_, headers) => {
    expect(autoMapping(headers)).toEqual([
      'givenNames',
      'familyName',
      'gender',
      'country',
      'organisation',
      'email',
      'phone',
      'jobTitle',
    ]);
  });

  it('reads headers with decorations, and leaves unknown columns out', () => {
    expect(autoMapping(['SURNAME *', 'Given name(s)', 'E-mail (work)', 'Shoe size', 'Country of nomination'])).toEqual([
      'familyName',
      'givenNames',
      'email',
      null,
      'country',
    ]);
  });

  it('reads "X of Y" headers by what follows the "of", so an organisation’s name is never a person’s', () => {
    expect(
      autoMapping([
        'Name of participant',
        'Name of organisation',
        'Type of organisation (select)',
        'Numéro de téléphone',
        'Adresse de courriel',
        'Date of birth',
      ]),
    ).toEqual(['fullName', 'organisation', 'organisationType', 'phone', 'email', null]);
    expect(autoMapping(['Nombre del participante', 'Nombre de la institución', 'Número de teléfono'])).toEqual([
      'fullName',
      'organisation',
      'phone',
    ]);
    expect(autoMapping(['Nom de famille (tel que sur le passeport)', 'Prénom', "Nom de l'organisation"])).toEqual([
      'familyName',
      'givenNames',
      'organisation',
    ]);
  });

  it.each([
    ['Spanish', 'Apellidos y nombres'],
    ['Spanish', 'Nombres y apellidos'],
    ['French', 'Nom et prénoms'],
    ['French', 'NOM Prénom'],
    ['Russian', 'Фамилия, имя, отчество'],
    ['Russian', 'Фамилия Имя'],
    ['English', 'Name and surname'],
  ])('takes a %s header naming both names (%j) for the full name, not the family name alone', (_, header) => {
    expect(autoMapping([header, 'Тел.', 'Название организации'])).toEqual(['fullName', 'phone', 'organisation']);
  });

  it('uses a full-name column only when there are no separate name columns, and a field once', () => {
    expect(autoMapping(['Name', 'Country', 'Pays'])).toEqual(['fullName', 'country', null]);
    expect(autoMapping(['Name', 'First name', 'Surname'])).toEqual([null, 'givenNames', 'familyName']);
  });

  it('finds the header below title rows', () => {
    const rows = [
      ['CT TECH workshop, Nairobi'],
      ['Nominations from the Ministry of Interior'],
      [],
      ['No.', 'First name', 'Last name', 'Country'],
      ['1', 'Amina', 'Otieno', 'Kenya'],
    ].map((cells, i) => ({ number: i + 1, cells }));
    expect(findHeaderRow(rows)).toBe(3);
  });
});

describe('normalising values', () => {
  it.each([
    ['F', 'female'],
    ['Female', 'female'],
    ['woman', 'female'],
    ['Femme', 'female'],
    ['Mujer', 'female'],
    ['Ж', 'female'],
    ['жен.', 'female'],
    ['أنثى', 'female'],
    ['M', 'male'],
    ['Homme', 'male'],
    ['Hombre', 'male'],
    ['М', 'male'],
    ['Мужской', 'male'],
    ['Other', 'another'],
    ['Autre', 'another'],
    ['Prefer not to say', 'not_stated'],
    ['x y z', null],
  ])('gender %j is %s', (text, gender) => {
    expect(genderOf(text)).toBe(gender);
  });

  it.each([
    ['Trinidad & Tobago', 'TT'],
    ['Trinidad and Tobago', 'TT'],
    ['TTO', 'TT'],
    ['tt', 'TT'],
    ['Trinité-et-Tobago', 'TT'],
    ['Trinidad y Tobago', 'TT'],
    ['Тринидад и Тобаго', 'TT'],
    ['Kenya', 'KE'],
    ['KEN', 'KE'],
    ['Côte d’Ivoire', 'CI'],
    ['Ivory Coast', 'CI'],
    ['Bosnia-Herzegovina', 'BA'],
    ['Bosnie-Herzégovine', 'BA'],
    ['Узбекистан', 'UZ'],
    ['الأردن', 'JO'],
    ['Viet Nam', 'VN'],
    ['UK', 'GB'],
    // Names organisers write that ISO's English list spells otherwise, or in the region's own languages.
    ['Lao PDR', 'LA'],
    ['Moldova', 'MD'],
    ['Syria', 'SY'],
    ['Holy See', 'VA'],
    ['Kyrgyz Republic', 'KG'],
    ['Кыргызстан', 'KG'],
    ['Ўзбекистон', 'UZ'],
    ["O'zbekiston", 'UZ'],
    ['St Vincent & the Grenadines', 'VC'],
    ['St. Lucia', 'LC'],
    ['Republic of Kenya', 'KE'],
    ['Republic of Trinidad and Tobago', 'TT'],
    ['République du Kenya', 'KE'],
    ['Congo', null],
    ['Korea', null],
    ['Republic', null],
    ['Atlantis', null],
    ['XX', null],
  ])('country %j is %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it('trims, puts names in one Unicode form (NFC) and drops control characters', () => {
    const decomposed = 'Pe\u0301rez';
    const prepared = row(basic, ['  José\u0007 ', ` ${decomposed}\n`, 'M', 'CO', ' Policía   Nacional ']);
    expect(prepared.errors).toEqual([]);
    expect(prepared.create).toMatchObject({
      givenNames: 'José',
      familyName: 'Pérez',
      organisation: 'Policía Nacional',
    });
    expect(prepared.create!.familyName).toBe('P\u00e9rez');
  });

  it('puts a middle name or patronymic column after the given names, and maps it from its header', () => {
    expect(autoMapping(['Фамилия', 'Имя', 'Отчество', 'Страна'])).toEqual([
      'familyName',
      'givenNames',
      'middleNames',
      'country',
    ]);
    expect(autoMapping(['First name', 'Middle name', 'Last name'])).toEqual([
      'givenNames',
      'middleNames',
      'familyName',
    ]);
    expect(autoMapping(['Nombre', 'Segundo nombre', 'Apellidos'])).toEqual(['givenNames', 'middleNames', 'familyName']);

    const fields: ImportField[] = ['familyName', 'givenNames', 'middleNames', 'gender', 'country', 'organisation'];
    const uzbek = row(fields, ['Юсупова', 'Дилноза', 'Акмаловна', 'Ж', 'UZ', 'Прокуратура']);
    expect(uzbek.errors).toEqual([]);
    expect(uzbek.create).toMatchObject({ givenNames: 'Дилноза Акмаловна', familyName: 'Юсупова' });
    // Updating someone already on the roster changes their given names to the whole of them.
    expect(uzbek.changes).toMatchObject({ givenNames: 'Дилноза Акмаловна' });
    // No middle name: the given names alone, with no trailing space.
    expect(row(fields, ['Otieno', 'Amina', '', 'F', 'KE', 'Police']).create).toMatchObject({ givenNames: 'Amina' });
  });

  it('drops the invisible characters pasted text carries, so an email that looks right is accepted', () => {
    const fields: ImportField[] = [...basic, 'email'];
    const prepared = row(fields, [
      '\u200eAmina\u200b',
      'Ot\u00adieno\u200f',
      'F',
      'KE',
      'NPS',
      'amina@police.go.ke\u200b',
    ]);
    expect(prepared.errors).toEqual([]);
    expect(prepared.create).toMatchObject({ givenNames: 'Amina', familyName: 'Otieno', email: 'amina@police.go.ke' });
    // Zero-width joiners are part of how Persian names are spelt.
    expect(row(basic, ['\u0645\u06cc\u200c\u0631\u0636\u0627', 'Karimi', 'M', 'IR', 'MoI']).create!.givenNames).toBe(
      '\u0645\u06cc\u200c\u0631\u0636\u0627',
    );
  });

  it('writes phones in E.164, reading local numbers as the event country’s, then the person’s', () => {
    const fields: ImportField[] = [...basic, 'phone'];
    expect(row(fields, ['Amina', 'Otieno', 'F', 'KE', 'NPS', '0712 345 678']).create!.phone).toBe('+254712345678');
    expect(row(fields, ['Aziz', 'Karimov', 'M', 'UZ', 'MVD', '+998 90 123 4567']).create!.phone).toBe('+998901234567');
    expect(row(fields, ['Aziz', 'Karimov', 'M', 'UZ', 'MVD', '90 123 4567']).create!.phone).toBe('+998901234567');
    // 00 for + even where the local exit code differs (Kenya dials 000, Trinidad and Tobago 011).
    expect(row(fields, ['Amina', 'Otieno', 'F', 'KE', 'NPS', '00 254 712 345 678']).create!.phone).toBe(
      '+254712345678',
    );
    expect(row(fields, ['Anil', 'Persad', 'M', 'TT', 'TTPS', '001 868 625 1234']).create!.phone).toBe('+18686251234');
    const dropped = row(fields, ['Amina', 'Otieno', 'F', 'KE', 'NPS', '12']);
    expect(dropped.create!.phone).toBeNull();
    expect(dropped.warnings.map((w) => w.key)).toEqual(['phoneDropped']);
  });

  it('validates emails with the contract’s own rule, lower-casing them', () => {
    const fields: ImportField[] = [...basic, 'email'];
    expect(row(fields, ['Amina', 'Otieno', 'F', 'KE', 'NPS', ' Amina.Otieno@Police.GO.KE ']).create!.email).toBe(
      'amina.otieno@police.go.ke',
    );
    const bad = row(fields, ['Amina', 'Otieno', 'F', 'KE', 'NPS', 'amina at police']);
    expect(bad.create).toBeNull();
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'email', key: 'invalidEmail' })]);
  });

  it('reports a missing name, an unknown country and a missing organisation as errors, on their fields', () => {
    const prepared = row(basic, ['', '', 'F', 'Atlantis', '']);
    expect(prepared.create).toBeNull();
    expect(prepared.errors.map((e) => [e.field, e.key])).toEqual([
      ['country', 'unknownCountry'],
      ['familyName', 'blank'],
      ['organisation', 'blank'],
    ]);
    expect(prepared.errors[0]!.message).toContain('Atlantis');
  });

  it('uses the defaults the person chose for empty cells and missing columns', () => {
    const prepared = row(['givenNames', 'familyName'], ['Amina', 'Otieno'], {
      country: 'KE',
      organisation: 'National Police Service',
      category: 'partner_state_delegate',
      organisationType: 'law_enforcement',
      gender: 'female',
    });
    expect(prepared.errors).toEqual([]);
    expect(prepared.create).toMatchObject({
      country: 'KE',
      organisation: 'National Police Service',
      organisationType: 'law_enforcement',
      gender: 'female',
      status: 'confirmed',
    });
    // Updating someone changes only what the row itself gave.
    expect(Object.keys(prepared.changes).sort()).toEqual(['familyName', 'givenNames']);
  });

  it('warns where it had to guess, and says what it did', () => {
    const prepared = row(
      ['honorific', 'fullName', 'country', 'organisation', 'category', 'organisationType'],
      ['Ms.', 'OTIENO, Amina', 'Kenya', 'NPS', 'VIP', 'Police'],
    );
    expect(prepared.create).toMatchObject({
      givenNames: 'Amina',
      familyName: 'OTIENO',
      gender: 'female',
      category: 'partner_state_delegate',
      organisationType: 'law_enforcement',
    });
    expect(prepared.warnings.map((w) => w.key)).toEqual(['fullNameSplit', 'genderFromTitle', 'categoryUnrecognised']);
    expect(row(['fullName', 'country', 'organisation'], ['王小明', 'CN', '公安部']).create).toMatchObject({
      familyName: '王',
      givenNames: '小明',
    });
    expect(row(['givenNames', 'country', 'organisation'], ['Sokha', 'KH', 'MoI']).warnings[0]!.key).toBe('singleName');
  });

  it('explains cells that read as empty only where they are imported, and fails a row only for a required one', () => {
    const fields: (ImportField | null)[] = ['givenNames', 'familyName', 'country', 'organisation', null];
    const context2 = { ...context, headers: ['Prénom', 'Nom', 'Pays', 'Organisme', 'Calcul'] };
    const read = (
      cells: string[],
      unread: { column: number; reason: 'formulaNoValue' | 'errorValue'; shown?: string }[],
    ) => prepareRow(2, cells, { columns: fields, defaults: {} }, context2, { unread });
    // A given name lost to a formula: the family name still identifies the person, so only a warning.
    const noGiven = read(['', 'Otieno', 'KE', 'NPS', ''], [{ column: 0, reason: 'formulaNoValue' }]);
    expect(noGiven.errors).toEqual([]);
    expect(noGiven.warnings.map((w) => [w.field, w.key, w.message.endsWith('(“Prénom”)')])).toEqual([
      ['givenNames', 'formulaNoValue', true],
    ]);
    // A column the mapping leaves out is nobody's concern.
    expect(
      read(['Amina', 'Otieno', 'KE', 'NPS', ''], [{ column: 4, reason: 'errorValue', shown: '#DIV/0!' }]).warnings,
    ).toEqual([]);
    // The family name lost: the given name must not stand in for it.
    const noFamily = read(['Amina', '', 'KE', 'NPS', ''], [{ column: 1, reason: 'errorValue', shown: '#N/A' }]);
    expect(noFamily.create).toBeNull();
    expect(noFamily.errors.map((e) => [e.field, e.key])).toEqual([['familyName', 'requiredErrorValue']]);
    expect(noFamily.warnings.map((w) => w.key)).toEqual(['cellErrorValue']);
  });

  it('warns that a row is hidden in the spreadsheet, and keeps it importable', () => {
    const hidden = prepareRow(3, ['Amina', 'Otieno', '', 'KE', 'NPS'], { columns: basic, defaults: {} }, context, {
      hidden: true,
    });
    expect(hidden).toMatchObject({ hidden: true, errors: [], warnings: [{ field: null, key: 'hiddenRow' }] });
    expect(hidden.create).not.toBeNull();
  });

  it.each([
    ['Amina Otieno', 'Amina', 'Otieno'],
    ['OTIENO Amina', 'Amina', 'OTIENO'],
    ['Jean-Pierre DUPONT', 'Jean-Pierre', 'DUPONT'],
    ['PÉREZ GARCÍA José Luis', 'José Luis', 'PÉREZ GARCÍA'],
    ['J. R. SMITH', 'J. R.', 'SMITH'],
    ['AMINA OTIENO', 'AMINA', 'OTIENO'],
    ['Юсупова Дилноза Акмаловна', 'Дилноза Акмаловна', 'Юсупова'],
    ['Каримов Азиз Рустамович', 'Азиз Рустамович', 'Каримов'],
    ['Asanov Bakyt Uulu', 'Bakyt Uulu', 'Asanov'],
    ['Aliyeva Nodira Akmal qizi', 'Nodira Akmal qizi', 'Aliyeva'],
    ['Ana Lucía Gómez', 'Ana Lucía', 'Gómez'],
  ])('splits the full name %j into given %j and family %j', (full, givenNames, familyName) => {
    expect(row(['fullName', 'country', 'organisation'], [full, 'KE', 'NPS']).create).toMatchObject({
      givenNames,
      familyName,
    });
  });

  it.each([
    ['Mme', 'female'],
    ['Sra.', 'female'],
    ['Ms', 'female'],
    ['Г-жа', 'female'],
    ['Mr.', 'male'],
    ['Ayol', 'female'],
    ['Эркек', 'male'],
    ['Mwanamke', 'female'],
  ])('reads the gender column’s %j as %s, without a warning', (text, gender) => {
    const prepared = row(basic, ['Sam', 'Lee', text, 'KE', 'NPS']);
    expect(prepared.create!.gender).toBe(gender);
    expect(prepared.warnings).toEqual([]);
  });

  it('turns an unrecognised gender into not stated, with a warning', () => {
    const prepared = row(basic, ['Sam', 'Lee', '?', 'SG', 'SPF']);
    expect(prepared.create!.gender).toBe('not_stated');
    expect(prepared.warnings[0]).toMatchObject({ field: 'gender', key: 'genderUnrecognised' });
  });
});
