// SQL used by more than one service, kept in one place so indexes can be reviewed together.

export const TALENT_BY_SKILLS = `
  SELECT t.id, t.display_name, t.agency_id, t.skills
  FROM talent t
  WHERE t.skills @> $1::text[] AND t.active
  LIMIT $2`;

export const AVAILABILITY_FOR_TALENT = `
  SELECT a.talent_id, a.day, a.status
  FROM availability a
  WHERE a.talent_id = $1 AND a.day BETWEEN $2 AND $3`;

export const AVAILABILITY_FOR_MANY = `
  SELECT a.talent_id, a.day, a.status
  FROM availability a
  WHERE a.talent_id = ANY($1) AND a.day BETWEEN $2 AND $3`;

export const INSERT_BOOKING = `
  INSERT INTO bookings (talent_id, production_id, day, status)
  VALUES ($1, $2, $3, 'pending')
  RETURNING id`;
