import { ArrayMaxSize, IsInt, IsString, IsUrl, Length, Matches, Max, MaxDate, MaxLength, Min, MinDate, ValidateIf } from 'class-validator';

/** Longest one-line text (names, titles, cities). */
export const LINE_MAX = 300;
/** Longest free text (abstracts, descriptions, biographies). */
export const TEXT_MAX = 20_000;
/** Longest URL. */
export const URL_MAX = 2000;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** Validates only when the property is given (not undefined); `null` is then checked too. */
const whenGiven = ValidateIf((_object, value) => value !== undefined);
/** Validates only when the property holds a value; absent and null both pass (nullable fields). */
const whenSet = ValidateIf((_object, value) => value !== undefined && value !== null);

/** A required one-line text: a string of 1 to `max` characters, not only spaces. */
export function RequiredLine(max = LINE_MAX): PropertyDecorator {
  return all(
    whenGiven,
    IsString({ message: '$property must be given and may not be null' }),
    Length(1, max, { message: `$property must be 1 to ${max} characters` }),
    Matches(/\S/, { message: '$property may not be blank' }),
  );
}

/** An optional text of at most `max` characters. */
export function OptionalText(max = LINE_MAX): PropertyDecorator {
  return all(whenSet, MaxLength(max, { message: `$property may be at most ${max} characters` }));
}

/** An optional http(s) URL. */
export function OptionalUrl(): PropertyDecorator {
  return all(
    whenSet,
    MaxLength(URL_MAX, { message: `$property may be at most ${URL_MAX} characters` }),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: '$property must be an absolute http or https URL' }),
  );
}

/** A slug: lower-case letters, digits and single dashes. */
export function Slug(): PropertyDecorator {
  return all(
    whenGiven,
    IsString({ message: '$property must be given and may not be null' }),
    Length(1, 100, { message: '$property must be 1 to 100 characters' }),
    Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
      message: '$property may hold only lower-case letters, digits and single dashes, e.g. `sofa-meetup-16`',
    }),
  );
}

/** A list of at most `size` short labels. */
export function Labels(size = 50, max = 100): PropertyDecorator {
  return all(
    whenSet,
    ArrayMaxSize(size, { message: `$property may hold at most ${size} entries` }),
    MaxLength(max, { each: true, message: `each of $property may be at most ${max} characters` }),
  );
}

/** An optional whole number from `min` to `max`. */
export function OptionalInt(min: number, max: number): PropertyDecorator {
  return all(
    whenSet,
    IsInt(),
    Min(min, { message: `$property must be at least ${min}` }),
    Max(max, { message: `$property must be at most ${max}` }),
  );
}

/** An optional date within the years people hold events in (the DateTime scalar admits year 0). */
export function OptionalDate(): PropertyDecorator {
  return all(
    whenSet,
    MinDate(new Date('1900-01-01T00:00:00Z'), { message: '$property must be after 1900' }),
    MaxDate(new Date('2200-01-01T00:00:00Z'), { message: '$property must be before 2200' }),
  );
}
