/** The operations the playground opens with: the questions the service exists to answer. */
export const exampleOperations: { name: string; query: string; variables: Record<string, unknown> }[] = [
  {
    name: 'TalksAboutProject',
    query: `# Which talks covered Seata? Aliases work too: try "fescar".
query TalksAboutProject($project: String!) {
  project(slug: $project) {
    name
    aliases
    talks(first: 20) {
      totalCount
      nodes {
        title
        slidesUrl
        event { title startsAt city }
        speakers { name alias affiliation }
      }
    }
  }
}`,
    variables: { project: 'seata' },
  },
  {
    name: 'WhoSpokeAbout',
    query: `# Who spoke about Koupleless (formerly SOFAServerless), and where?
query WhoSpokeAbout($projects: [String!]) {
  talks(filter: { projects: $projects }, first: 50) {
    nodes {
      title
      speakers { name alias }
      event { title startsAt city format }
    }
  }
}`,
    variables: { projects: ['SOFAServerless'] },
  },
  {
    name: 'Search',
    query: `# Search across projects, events, talks and speakers, in Chinese or English.
query Search($query: String!) {
  search(query: $query, first: 10) {
    totalCount
    nodes {
      __typename
      ... on Talk { title event { title } }
      ... on Event { title startsAt }
      ... on Speaker { name alias }
      ... on Project { name }
    }
  }
}`,
    variables: { query: '新征程' },
  },
  {
    name: 'LatestEvents',
    query: `query LatestEvents {
  events(first: 10) {
    pageInfo { hasNextPage endCursor }
    nodes {
      title series format city startsAt
      projects { name }
      talks { totalCount }
    }
  }
}`,
    variables: {},
  },
];
